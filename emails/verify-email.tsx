import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import * as z from 'zod';
import { formatDuration } from './format-duration.js';

/**
 * Props of the "confirm your email address" email, checked by the worker before rendering.
 * The producer (`functions/signup`) builds them; the queue is not trusted to keep them valid.
 */
export const verifyEmailPropsSchema = z.object({
  /** The person's name, shown in the greeting; omitted or blank gives a neutral greeting. */
  name: z.string().max(100).optional(),
  /** The signed confirmation link; http(s) only, so no `javascript:` link reaches a button. */
  confirmUrl: z.url({ protocol: /^https?$/ }).max(2048),
  /** Lifetime of the link, in minutes. */
  expiresInMinutes: z.number().int().positive(),
});

/** Props of {@link VerifyEmail}. */
export type VerifyEmailProps = z.infer<typeof verifyEmailPropsSchema>;

/** Subject of the email, without the deployment's subject prefix. */
export const verifyEmailSubject = 'Confirm your email address';

/**
 * The "confirm your email address" email sent after a signup: a greeting, a button to the
 * confirmation link, the link written out for clients that hide buttons, and a footer that
 * says why the person got it and when the link expires.
 */
export function VerifyEmail({ name, confirmUrl, expiresInMinutes }: VerifyEmailProps) {
  const trimmedName = name?.trim();
  // One string, not `Hi {name},`: adjacent JSX text nodes render with `<!-- -->` between them.
  const greeting = trimmedName ? `Hi ${trimmedName},` : 'Hello,';
  const expiry = `This link expires in ${formatDuration(expiresInMinutes)}.`;

  return (
    <Html lang="en">
      <Head />
      <Preview>Confirm your email address to finish signing up</Preview>
      <Body style={main}>
        <Container style={container}>
          <Heading style={heading}>{verifyEmailSubject}</Heading>
          <Text style={paragraph}>{greeting}</Text>
          <Text style={paragraph}>
            Thanks for signing up. Please confirm that this is your email address to activate your
            account.
          </Text>
          <Section style={buttonSection}>
            <Button style={button} href={confirmUrl}>
              Confirm my email address
            </Button>
          </Section>
          <Text style={paragraph}>Or copy and paste this link into your browser:</Text>
          <Text style={paragraph}>
            <Link href={confirmUrl} style={link}>
              {confirmUrl}
            </Link>
          </Text>
          <Hr style={rule} />
          <Text style={footer}>
            You received this email because someone signed up with this address. If it wasn't you,
            you can safely ignore it: nothing happens until the address is confirmed.
          </Text>
          <Text style={footer}>{expiry}</Text>
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

export default VerifyEmail;

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

const buttonSection = {
  margin: '24px 0',
};

const button = {
  backgroundColor: '#2754c5',
  borderRadius: '6px',
  color: '#ffffff',
  fontSize: '16px',
  fontWeight: 600,
  padding: '12px 20px',
  textDecoration: 'none',
};

const link = {
  color: '#2754c5',
  wordBreak: 'break-all' as const,
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
