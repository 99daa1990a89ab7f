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
import { formatDate } from './format-date.js';
import { formatGreeting } from './greeting.js';
import { defaultLocale, type LocalizedTexts } from './locales.js';
import { linkProp, localeProp, nameProp } from './props.js';
import { button, buttonSection, container, heading, main, paragraph } from './styles.js';

const alreadyRegisteredEmailPropsSchema = z.object({
  name: nameProp,
  /** When the address was confirmed, ISO 8601; omitted, the email does not say. */
  confirmedAt: z.optional(z.iso.datetime({ offset: true })),
  /** The app's address, where the person can sign in; omitted (jobs queued before), no button. */
  appUrl: z.optional(linkProp),
  locale: localeProp,
});

/** Props of the "already registered" notice; the signup function builds them from the account. */
export type AlreadyRegisteredEmailProps = z.infer<typeof alreadyRegisteredEmailPropsSchema>;

const en = {
  subject: 'You already have an account',
  preview: 'Someone tried to sign up again with this address',
  body: 'Someone, perhaps you, just tried to sign up with this email address. It already belongs to a confirmed account, so there is nothing you need to do.',
  confirmedOn: (date: string) => `This address was confirmed on ${date}.`,
  useApp: 'To use your account, open the app and sign in.',
  button: 'Open the app',
  why: "If it wasn't you, you can safely ignore this email: nothing about your account has changed.",
};

const texts: LocalizedTexts<typeof en> = {
  en,
  de: {
    subject: 'Sie haben bereits ein Konto',
    preview: 'Jemand hat versucht, sich erneut mit dieser Adresse anzumelden',
    body: 'Jemand, vielleicht Sie, hat gerade versucht, sich mit dieser E-Mail-Adresse anzumelden. Sie gehört bereits zu einem bestätigten Konto, Sie müssen also nichts tun.',
    confirmedOn: (date) => `Diese Adresse wurde am ${date} bestätigt.`,
    useApp: 'Um Ihr Konto zu nutzen, öffnen Sie die App und melden Sie sich an.',
    button: 'Zur App',
    why: 'Falls Sie das nicht waren, können Sie diese E-Mail ignorieren: An Ihrem Konto hat sich nichts geändert.',
  },
};

/**
 * The notice sent instead of a link when a signup names a confirmed address: the answer cannot
 * say so without telling anyone which addresses are registered, so the owner hears it by email
 * (OWASP Authentication Cheat Sheet, "Authentication and Error Messages").
 */
export function AlreadyRegisteredEmail({
  name,
  confirmedAt,
  appUrl,
  locale = defaultLocale,
}: AlreadyRegisteredEmailProps) {
  const text = texts[locale];

  return (
    <Html lang={locale}>
      <Head />
      <Preview>{text.preview}</Preview>
      <Body style={main}>
        <Container style={container}>
          <Heading style={heading}>{text.subject}</Heading>
          <Text style={paragraph}>{formatGreeting(name, locale)}</Text>
          <Text style={paragraph}>{text.body}</Text>
          {confirmedAt === undefined ? null : (
            <Text style={paragraph}>{text.confirmedOn(formatDate(confirmedAt, locale))}</Text>
          )}
          {appUrl === undefined ? null : (
            <>
              <Text style={paragraph}>{text.useApp}</Text>
              <Section style={buttonSection}>
                <Button style={button} href={appUrl}>
                  {text.button}
                </Button>
              </Section>
            </>
          )}
          <EmailFooter notes={[text.why]} />
        </Container>
      </Body>
    </Html>
  );
}

AlreadyRegisteredEmail.PreviewProps = {
  name: 'Ann',
  confirmedAt: '2026-03-05T09:30:00.000Z',
  appUrl: 'https://app.example.com',
  locale: 'en',
} satisfies AlreadyRegisteredEmailProps;

/** The `already-registered` template. */
export const alreadyRegisteredEmail = defineEmailTemplate({
  component: AlreadyRegisteredEmail,
  propsSchema: alreadyRegisteredEmailPropsSchema,
  subject: { en: texts.en.subject, de: texts.de.subject },
});

export default AlreadyRegisteredEmail;
