/**
 * Inline styles every template shares: the page, the centred card, the heading, body text
 * and the button. Inline, because many email clients drop `<style>` blocks; the values are
 * CSS as React takes it (px as strings, font weight as a number).
 */

/** The page behind the card: light grey, in the platform's system font. */
export const main = {
  backgroundColor: '#f6f9fc',
  fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
};

/** The white card, centred, at most 560 px wide so it fits a mail client's reading pane. */
export const container = {
  backgroundColor: '#ffffff',
  margin: '0 auto',
  padding: '32px 40px',
  maxWidth: '560px',
};

/** The email's one heading. */
export const heading = {
  color: '#1a1a1a',
  fontSize: '24px',
  fontWeight: 600,
  margin: '0 0 24px',
};

/** A paragraph of the message. */
export const paragraph = {
  color: '#333333',
  fontSize: '16px',
  lineHeight: '24px',
};

/** The space around a call-to-action button. */
export const buttonSection = {
  margin: '24px 0',
};

/** A call-to-action button: one per email, to the link the email is about. */
export const button = {
  backgroundColor: '#2754c5',
  borderRadius: '6px',
  color: '#ffffff',
  fontSize: '16px',
  fontWeight: 600,
  padding: '12px 20px',
  textDecoration: 'none',
};
