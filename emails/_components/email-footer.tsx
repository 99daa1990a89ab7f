import { Hr, Text } from '@react-email/components';

/**
 * The end of every email: a rule, then small notes, one paragraph each, that say why the
 * person got it first. In `_components/`, as the preview server skips folders named `_…`.
 */
export function EmailFooter({ notes }: { readonly notes: readonly string[] }) {
  return (
    <>
      <Hr style={rule} />
      {notes.map((note) => (
        <Text key={note} style={footer}>
          {note}
        </Text>
      ))}
    </>
  );
}

const rule = { borderColor: '#e6ebf1', margin: '32px 0 16px' };

const footer = { color: '#8898aa', fontSize: '13px', lineHeight: '20px' };
