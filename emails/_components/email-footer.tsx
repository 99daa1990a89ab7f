import { Hr, Text } from '@react-email/components';

/** Props of {@link EmailFooter}. */
export interface EmailFooterProps {
  /** The footer's lines, one paragraph each, in order: why the person got the email first. */
  readonly notes: readonly string[];
}

/**
 * The end of every email: a rule, then small grey notes that say why the person got it
 * (and, where it applies, when its link expires).
 *
 * In `_components/` because the preview server (`email dev`) skips folders whose name starts
 * with `_`, so it lists templates only.
 */
export function EmailFooter({ notes }: EmailFooterProps) {
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

const rule = {
  borderColor: '#e6ebf1',
  margin: '32px 0 16px',
};

const footer = {
  color: '#8898aa',
  fontSize: '13px',
  lineHeight: '20px',
};
