import { Body, Container, Head, Heading, Html, Preview, Text } from '@react-email/components';
import { EmailFooter } from './_components/email-footer.js';
import { formatGreeting } from './greeting.js';
import { defaultLocale, type LocalizedTexts } from './locales.js';
import { container, heading, main, paragraph } from './styles.js';
import type { WelcomeEmailProps } from './welcome-props.js';

export { type WelcomeEmailProps, welcomeEmailPropsSchema } from './welcome-props.js';

const texts: LocalizedTexts<{
  subject: string;
  preview: string;
  heading: string;
  body: string;
  why: string;
}> = {
  en: {
    subject: 'Welcome! Your email address is confirmed',
    preview: 'Your account is active',
    heading: 'Welcome!',
    body: 'Your email address is confirmed and your account is active. There is nothing else you need to do.',
    why: 'You received this email because the confirmation link sent to this address was opened.',
  },
  de: {
    subject: 'Willkommen! Ihre E-Mail-Adresse ist bestätigt',
    preview: 'Ihr Konto ist aktiv',
    heading: 'Willkommen!',
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

  return (
    <Html lang={locale}>
      <Head />
      <Preview>{text.preview}</Preview>
      <Body style={main}>
        <Container style={container}>
          <Heading style={heading}>{text.heading}</Heading>
          <Text style={paragraph}>{formatGreeting(name, locale)}</Text>
          <Text style={paragraph}>{text.body}</Text>
          <EmailFooter notes={[text.why]} />
        </Container>
      </Body>
    </Html>
  );
}

WelcomeEmail.PreviewProps = { name: 'Ann', locale: 'en' } satisfies WelcomeEmailProps;

export default WelcomeEmail;
