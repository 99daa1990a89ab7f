// Inline styles every template shares: many email clients drop `<style>` blocks.

/** The page behind the card, in the platform's system font. */
export const main = {
  backgroundColor: '#f6f9fc',
  fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
};

/** The card, centred, at most 560 px wide to fit a mail client's reading pane. */
export const container = {
  backgroundColor: '#ffffff',
  margin: '0 auto',
  padding: '32px 40px',
  maxWidth: '560px',
};

export const heading = { color: '#1a1a1a', fontSize: '24px', fontWeight: 600, margin: '0 0 24px' };

export const paragraph = { color: '#333333', fontSize: '16px', lineHeight: '24px' };

export const buttonSection = { margin: '24px 0' };

/** The call-to-action button: one per email, to the link the email is about. */
export const button = {
  backgroundColor: '#2754c5',
  borderRadius: '6px',
  color: '#ffffff',
  fontSize: '16px',
  fontWeight: 600,
  padding: '12px 20px',
  textDecoration: 'none',
};
