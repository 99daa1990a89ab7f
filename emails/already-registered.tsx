import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from '@react-email/components';
import type { AlreadyRegisteredEmailProps } from './already-registered-props.js';
import { defaultLocale, type LocalizedTexts } from './locales.js';

export {
  type AlreadyRegisteredEmailProps,
  alreadyRegisteredEmailPropsSchema,
} from './already-registered-props.js';

const texts: LocalizedTexts<{
  subject: string;
  preview: string;
  greeting: (name: string | undefined) => string;
  body: string;
  why: string;
}> = {
  en: {
    subject: 'You already have an account',
    preview: 'Someone tried to sign up again with this address',
    greeting: (name) => (name ? `Hi ${name},` : 'Hello,'),
    body: 'Someone, perhaps you, just tried to sign up with this email address. It already belongs to a confirmed account, so there is nothing you need to do.',
    why: "If it wasn't you, you can safely ignore this email: nothing about your account has changed.",
  },
  de: {
    subject: 'Sie haben bereits ein Konto',
    preview: 'Jemand hat versucht, sich erneut mit dieser Adresse anzumelden',
    greeting: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
    body: 'Jemand, vielleicht Sie, hat gerade versucht, sich mit dieser E-Mail-Adresse anzumelden. Sie gehört bereits zu einem bestätigten Konto, Sie müssen also nichts tun.',
    why: 'Falls Sie das nicht waren, können Sie diese E-Mail ignorieren: An Ihrem Konto hat sich nichts geändert.',
  },
};

/**
 * Subject of the email in the props' locale, without the deployment's subject prefix.
 *
 * @param props - the email's props; only `locale` is read
 */
export function selectAlreadyRegisteredEmailSubject({
  locale,
}: Pick<AlreadyRegisteredEmailProps, 'locale'>): string {
  return texts[locale ?? defaultLocale].subject;
}

/**
 * The notice sent, instead of a confirmation link, when a signup names an address that
 * already has a confirmed account: the signup answer cannot say so without telling anyone
 * which addresses are registered, so the owner hears it by email (OWASP Authentication
 * Cheat Sheet, "Authentication and Error Messages"). In English or German (`locale`).
 */
export function AlreadyRegisteredEmail({
  name,
  locale = defaultLocale,
}: AlreadyRegisteredEmailProps) {
  const text = texts[locale];
  // One string, not `Hi {name},`: adjacent JSX text nodes render with `<!-- -->` between them.
  const greeting = text.greeting(name?.trim());

  return (
    <Html lang={locale}>
      <Head />
      <Preview>{text.preview}</Preview>
      <Body style={main}>
        <Container style={container}>
          <Heading style={heading}>{text.subject}</Heading>
          <Text style={paragraph}>{greeting}</Text>
          <Text style={paragraph}>{text.body}</Text>
          <Hr style={rule} />
          <Text style={footer}>{text.why}</Text>
        </Container>
      </Body>
    </Html>
  );
}

AlreadyRegisteredEmail.PreviewProps = {
  name: 'Ann',
  locale: 'en',
} satisfies AlreadyRegisteredEmailProps;

export default AlreadyRegisteredEmail;

const main = {
  backgroundColor: '#f6f9fc',
  fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
};

const container = {
  backgroundColor: '#ffffff',
  margin: '0 auto',
  padding: '32px 40px',
  maxWidth: '560px',
};

const heading = {
  color: '#1a1a1a',
  fontSize: '24px',
  fontWeight: 600,
  margin: '0 0 24px',
};

const paragraph = {
  color: '#333333',
  fontSize: '16px',
  lineHeight: '24px',
};

const rule = {
  borderColor: '#e6ebf1',
  margin: '32px 0 16px',
};

const footer = {
  color: '#8898aa',
  fontSize: '13px',
  lineHeight: '20px',
};
