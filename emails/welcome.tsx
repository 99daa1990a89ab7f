import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import * as z from 'zod/mini';
import { EmailFooter } from './_components/email-footer.js';
import { defineEmailTemplate } from './email-template.js';
import { formatGreeting } from './greeting.js';
import { defaultLocale, type LocalizedTexts } from './locales.js';
import { linkProp, localeProp, nameProp } from './props.js';
import { button, buttonSection, container, heading, main, paragraph } from './styles.js';

/** The next steps the welcome email can list; the producer picks them, the template words them. */
export const welcomeNextSteps = ['bookmark-app', 'add-sender'] as const;

const welcomeEmailPropsSchema = z.object({
  name: nameProp,
  /** The app's address, where the button leads. */
  appUrl: linkProp,
  /** What the person may do now, in order, each once. */
  nextSteps: z.array(z.enum(welcomeNextSteps)).check(
    z.minLength(1),
    z.refine((steps) => new Set(steps).size === steps.length, 'A step is listed twice'),
  ),
  locale: localeProp,
});

/** Props of the "welcome" email; the signup function builds them when an address is confirmed. */
export type WelcomeEmailProps = z.infer<typeof welcomeEmailPropsSchema>;

const en = {
  subject: 'Welcome! Your email address is confirmed',
  preview: 'Your account is active',
  heading: 'Welcome!',
  body: 'Your email address is confirmed and your account is active.',
  nextSteps: 'What you can do next:',
  steps: {
    'bookmark-app': 'Bookmark the app, so you can find your way back.',
    'add-sender':
      'Add our address to your contacts, so our emails reach your inbox and not your spam folder.',
  },
  button: 'Open the app',
  why: 'You received this email because this address was confirmed with the link sent to it.',
};

const texts: LocalizedTexts<typeof en> = {
  en,
  de: {
    subject: 'Willkommen! Ihre E-Mail-Adresse ist bestätigt',
    preview: 'Ihr Konto ist aktiv',
    heading: 'Willkommen!',
    body: 'Ihre E-Mail-Adresse ist bestätigt und Ihr Konto ist aktiv.',
    nextSteps: 'Wie es weitergeht:',
    steps: {
      'bookmark-app': 'Setzen Sie ein Lesezeichen auf die App, damit Sie sie wiederfinden.',
      'add-sender':
        'Fügen Sie unsere Adresse Ihren Kontakten hinzu, damit unsere E-Mails in Ihrem Posteingang landen und nicht im Spam-Ordner.',
    },
    button: 'Zur App',
    why: 'Sie erhalten diese E-Mail, weil diese Adresse über den an sie gesendeten Link bestätigt wurde.',
  },
};

/** The "welcome" email, sent once when an address is confirmed, with the next steps as a list. */
export function WelcomeEmail({
  name,
  appUrl,
  nextSteps,
  locale = defaultLocale,
}: WelcomeEmailProps) {
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
          <Text style={paragraph}>{text.nextSteps}</Text>
          <ol style={list}>
            {nextSteps.map((step) => (
              <li key={step} style={paragraph}>
                {text.steps[step]}
              </li>
            ))}
          </ol>
          <Section style={buttonSection}>
            <Button style={button} href={appUrl}>
              {text.button}
            </Button>
          </Section>
          <EmailFooter notes={[text.why]} />
        </Container>
      </Body>
    </Html>
  );
}

WelcomeEmail.PreviewProps = {
  name: 'Ann',
  appUrl: 'https://signup.example.com',
  nextSteps: ['bookmark-app', 'add-sender'],
  locale: 'en',
} satisfies WelcomeEmailProps;

/** The `welcome` template. */
export const welcomeEmail = defineEmailTemplate({
  component: WelcomeEmail,
  propsSchema: welcomeEmailPropsSchema,
  subject: { en: texts.en.subject, de: texts.de.subject },
});

export default WelcomeEmail;

const list = { margin: '0 0 16px', paddingLeft: '24px' };
