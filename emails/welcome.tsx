import { Body, Container, Head, Heading, Html, Preview, Text } from '@react-email/components';
import * as z from 'zod/mini';
import { EmailFooter } from './_components/email-footer.js';
import { defineEmailTemplate } from './email-template.js';
import { formatGreeting } from './greeting.js';
import { defaultLocale, type LocalizedTexts } from './locales.js';
import { localeProp, nameProp } from './props.js';
import { container, heading, main, paragraph } from './styles.js';

const welcomeEmailPropsSchema = z.object({ name: nameProp, locale: localeProp });

/** Props of the "welcome" email. */
export type WelcomeEmailProps = z.infer<typeof welcomeEmailPropsSchema>;

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

/** The `welcome` template. */
export const welcomeEmail = defineEmailTemplate({
  component: WelcomeEmail,
  propsSchema: welcomeEmailPropsSchema,
  subject: { en: texts.en.subject, de: texts.de.subject },
});

export default WelcomeEmail;
