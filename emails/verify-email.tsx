import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import * as z from 'zod/mini';
import { EmailFooter } from './_components/email-footer.js';
import { defineEmailTemplate } from './email-template.js';
import { formatDuration } from './format-duration.js';
import { formatGreeting } from './greeting.js';
import { defaultLocale, type LocalizedTexts } from './locales.js';
import { linkProp, localeProp, nameProp } from './props.js';
import { button, buttonSection, container, heading, main, paragraph } from './styles.js';

const verifyEmailPropsSchema = z.object({
  name: nameProp,
  /** The signed confirmation link. */
  confirmUrl: linkProp,
  /** Lifetime of the link, in minutes. */
  expiresInMinutes: z.int().check(z.positive()),
  locale: localeProp,
});

/** Props of the "confirm your email address" email; the signup function builds them. */
export type VerifyEmailProps = z.infer<typeof verifyEmailPropsSchema>;

const en = {
  subject: 'Confirm your email address',
  preview: 'Confirm your email address to finish signing up',
  intro:
    'Thanks for signing up. Please confirm that this is your email address to activate your account.',
  button: 'Confirm my email address',
  copyLink: 'Or copy and paste this link into your browser:',
  why: "You received this email because someone signed up with this address. If it wasn't you, you can safely ignore it: nothing happens until the address is confirmed.",
  expiry: (duration: string) => `This link expires in ${duration}.`,
};

const texts: LocalizedTexts<typeof en> = {
  en,
  de: {
    subject: 'Bestätigen Sie Ihre E-Mail-Adresse',
    preview: 'Bestätigen Sie Ihre E-Mail-Adresse, um die Anmeldung abzuschließen',
    intro:
      'Vielen Dank für Ihre Anmeldung. Bitte bestätigen Sie, dass dies Ihre E-Mail-Adresse ist, um Ihr Konto zu aktivieren.',
    button: 'E-Mail-Adresse bestätigen',
    copyLink: 'Oder kopieren Sie diesen Link in Ihren Browser:',
    why: 'Sie erhalten diese E-Mail, weil sich jemand mit dieser Adresse angemeldet hat. Falls Sie das nicht waren, können Sie sie einfach ignorieren: Ohne Bestätigung geschieht nichts.',
    expiry: (duration) => `Dieser Link ist ${duration} lang gültig.`,
  },
};

/** The "confirm your email address" email, with the link also written out for clients that hide buttons. */
export function VerifyEmail({
  name,
  confirmUrl,
  expiresInMinutes,
  locale = defaultLocale,
}: VerifyEmailProps) {
  const text = texts[locale];
  const expiry = text.expiry(formatDuration(expiresInMinutes, locale));

  return (
    <Html lang={locale}>
      <Head />
      <Preview>{text.preview}</Preview>
      <Body style={main}>
        <Container style={container}>
          <Heading style={heading}>{text.subject}</Heading>
          <Text style={paragraph}>{formatGreeting(name, locale)}</Text>
          <Text style={paragraph}>{text.intro}</Text>
          <Section style={buttonSection}>
            <Button style={button} href={confirmUrl}>
              {text.button}
            </Button>
          </Section>
          <Text style={paragraph}>{text.copyLink}</Text>
          <Text style={paragraph}>
            <Link href={confirmUrl} style={link}>
              {confirmUrl}
            </Link>
          </Text>
          <EmailFooter notes={[text.why, expiry]} />
        </Container>
      </Body>
    </Html>
  );
}

VerifyEmail.PreviewProps = {
  name: 'Ann',
  confirmUrl: 'https://signup.example.com/confirm?token=preview-token',
  expiresInMinutes: 60,
} satisfies VerifyEmailProps;

/** The `verify-email` template. */
export const verifyEmail = defineEmailTemplate({
  component: VerifyEmail,
  propsSchema: verifyEmailPropsSchema,
  subject: { en: texts.en.subject, de: texts.de.subject },
});

export default VerifyEmail;

const link = { color: '#2754c5', wordBreak: 'break-all' as const };
