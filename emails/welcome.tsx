import { Body, Container, Head, Heading, Hr, Html, Preview, Text } from '@react-email/components';
import { defaultLocale, type LocalizedTexts } from './locales.js';
import type { WelcomeEmailProps } from './welcome-props.js';

export { type WelcomeEmailProps, welcomeEmailPropsSchema } from './welcome-props.js';

const texts: LocalizedTexts<{
  subject: string;
  preview: string;
  heading: string;
  greeting: (name: string | undefined) => string;
  body: string;
  why: string;
}> = {
  en: {
    subject: 'Welcome! Your email address is confirmed',
    preview: 'Your account is active',
    heading: 'Welcome!',
    greeting: (name) => (name ? `Hi ${name},` : 'Hello,'),
    body: 'Your email address is confirmed and your account is active. There is nothing else you need to do.',
    why: 'You received this email because the confirmation link sent to this address was opened.',
  },
  de: {
    subject: 'Willkommen! Ihre E-Mail-Adresse ist bestätigt',
    preview: 'Ihr Konto ist aktiv',
    heading: 'Willkommen!',
    greeting: (name) => (name ? `Hallo ${name},` : 'Guten Tag,'),
    body: 'Ihre E-Mail-Adresse ist bestätigt und Ihr Konto ist aktiv. Sie müssen nichts weiter tun.',
    why: 'Sie erhalten diese E-Mail, weil der an diese Adresse gesendete Bestätigungslink geöffnet wurde.',
  },
};

/**
 * Subject of the email in the props' locale, without the deployment's subject prefix.
 *
 * @param props - the email's props; only `locale` is read
 */
export function selectWelcomeEmailSubject({ locale }: Pick<WelcomeEmailProps, 'locale'>): string {
  return texts[locale ?? defaultLocale].subject;
}

/**
 * The "welcome" email sent once, when an account's address is confirmed: a greeting, that
 * the account is active, and why the person got it. In English or German (`locale`).
 */
export function WelcomeEmail({ name, locale = defaultLocale }: WelcomeEmailProps) {
  const text = texts[locale];
  // One string, not `Hi {name},`: adjacent JSX text nodes render with `<!-- -->` between them.
  const greeting = text.greeting(name?.trim());

  return (
    <Html lang={locale}>
      <Head />
      <Preview>{text.preview}</Preview>
      <Body style={main}>
        <Container style={container}>
          <Heading style={heading}>{text.heading}</Heading>
          <Text style={paragraph}>{greeting}</Text>
          <Text style={paragraph}>{text.body}</Text>
          <Hr style={rule} />
          <Text style={footer}>{text.why}</Text>
        </Container>
      </Body>
    </Html>
  );
}

WelcomeEmail.PreviewProps = { name: 'Ann', locale: 'en' } satisfies WelcomeEmailProps;

export default WelcomeEmail;

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
