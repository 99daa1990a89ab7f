import type { LocalizedTexts } from '../../../emails/locales.js';
import type { FieldError } from './problem.js';

// The words of the API's pages, one object per language as the emails keep theirs. Functions
// take text that is already escaped HTML (an address) and durations as `formatWait` writes
// them, so the pages say "1 hour" where the email does.
const en = {
  signUp: 'Sign up',
  signupIntro: 'Enter your email address. We will send you a link to confirm it.',
  email: 'Email address',
  name: 'Name',
  optional: '(optional)',
  sendNewLink: 'Send me a new link',
  checkInbox: 'Check your inbox',
  linkSent: (email: string, lifetime: string, cooldown: string) =>
    `<p>If <strong>${email}</strong> can receive email, a message is on its way to it. Open the link in it within ${lifetime} to confirm your address.</p>
<p>Nothing there after a few minutes? Look in your spam folder. You can ask for another email after ${cooldown}; asking sooner sends nothing.</p>`,
  confirmTitle: 'Confirm your email address',
  confirmPrompt: (email: string) =>
    `<p>Press the button to confirm that <strong>${email}</strong> is your email address.</p>`,
  confirmButton: 'Confirm my email address',
  confirmed: 'Email address confirmed',
  confirmedText: (email: string) =>
    `<p>Thank you. <strong>${email}</strong> is confirmed.</p><p>A welcome email is on its way.</p>`,
  alreadyConfirmed: 'Already confirmed',
  alreadyConfirmedText: (email: string) =>
    `<p><strong>${email}</strong> is already confirmed.</p><p>There is nothing more to do.</p>`,
  expired: { title: 'Link expired', what: 'This confirmation link has expired.' },
  invalid: {
    title: 'Link not valid',
    what: 'This confirmation link is not valid. It may have been cut short or changed.',
  },
  'not-found': {
    title: 'Link not valid',
    what: 'This confirmation link is no longer valid: it belongs to a signup we no longer hold.',
  },
  newLinkPrompt: 'Sign up again to get a new link by email:',
  tryAgain: 'Please try again',
  confirmUnavailable: (wait: string) =>
    `We could not confirm your address just now. Try again in ${wait}.`,
  signupUnavailable: (wait: string) =>
    `We could not take your signup just now. Try again in ${wait}.`,
  internalError: 'Something went wrong on our side. Try again later.',
  checkForm: 'Please check the form',
  tooManySignups: 'Too many signups',
  tooManySignupsText: (wait: string) =>
    `Too many signups have come from your network in a short time. Try again in ${wait}.`,
  /** A field's error: the API's own sentence, capitalized. */
  fieldError: ({ detail }: FieldError) => `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.`,
  /** Any other refused request (a body that is empty, too large, of another type). */
  refusedForm: (detail: string) => detail,
};

/** The pages' texts in every supported language. */
export const pageTexts: LocalizedTexts<typeof en> = {
  en,
  de: {
    signUp: 'Anmelden',
    signupIntro:
      'Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link, um sie zu bestätigen.',
    email: 'E-Mail-Adresse',
    name: 'Name',
    optional: '(optional)',
    sendNewLink: 'Neuen Link senden',
    checkInbox: 'Prüfen Sie Ihr Postfach',
    linkSent: (email, lifetime, cooldown) =>
      `<p>Wenn <strong>${email}</strong> E-Mails empfangen kann, ist eine Nachricht dorthin unterwegs. Öffnen Sie den Link darin innerhalb von ${lifetime}, um Ihre Adresse zu bestätigen.</p>
<p>Nach einigen Minuten noch nichts da? Sehen Sie im Spam-Ordner nach. Eine weitere E-Mail können Sie nach ${cooldown} anfordern; vorher wird nichts gesendet.</p>`,
    confirmTitle: 'Bestätigen Sie Ihre E-Mail-Adresse',
    confirmPrompt: (email) =>
      `<p>Klicken Sie auf die Schaltfläche, um zu bestätigen, dass <strong>${email}</strong> Ihre E-Mail-Adresse ist.</p>`,
    confirmButton: 'E-Mail-Adresse bestätigen',
    confirmed: 'E-Mail-Adresse bestätigt',
    confirmedText: (email) =>
      `<p>Vielen Dank. <strong>${email}</strong> ist bestätigt.</p><p>Eine Willkommens-E-Mail ist unterwegs.</p>`,
    alreadyConfirmed: 'Bereits bestätigt',
    alreadyConfirmedText: (email) =>
      `<p><strong>${email}</strong> ist bereits bestätigt.</p><p>Sie müssen nichts weiter tun.</p>`,
    expired: { title: 'Link abgelaufen', what: 'Dieser Bestätigungslink ist abgelaufen.' },
    invalid: {
      title: 'Link ungültig',
      what: 'Dieser Bestätigungslink ist ungültig. Vielleicht wurde er gekürzt oder verändert.',
    },
    'not-found': {
      title: 'Link ungültig',
      what: 'Dieser Bestätigungslink gilt nicht mehr: Die Anmeldung, zu der er gehört, besteht nicht mehr.',
    },
    newLinkPrompt: 'Melden Sie sich erneut an, um einen neuen Link per E-Mail zu erhalten:',
    tryAgain: 'Bitte versuchen Sie es erneut',
    confirmUnavailable: (wait) =>
      `Wir konnten Ihre Adresse gerade nicht bestätigen. Bitte versuchen Sie es in ${wait} erneut.`,
    signupUnavailable: (wait) =>
      `Wir konnten Ihre Anmeldung gerade nicht annehmen. Bitte versuchen Sie es in ${wait} erneut.`,
    internalError: 'Bei uns ist etwas schiefgegangen. Bitte versuchen Sie es später erneut.',
    checkForm: 'Bitte prüfen Sie das Formular',
    tooManySignups: 'Zu viele Anmeldungen',
    tooManySignupsText: (wait) =>
      `Aus Ihrem Netzwerk kamen in kurzer Zeit zu viele Anmeldungen. Bitte versuchen Sie es in ${wait} erneut.`,
    // The API's sentences are English; each field's rule in German instead.
    fieldError: ({ field }) =>
      field === 'email'
        ? 'Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@example.com.'
        : field === 'name'
          ? 'Bitte geben Sie nur Ihren Namen an, mit höchstens 100 Zeichen: ohne Zeilenumbrüche, Web- oder E-Mail-Adressen und Telefonnummern.'
          : 'Ein Feld des Formulars ist ungültig.',
    refusedForm: () => 'Das Formular kam nicht lesbar an. Bitte senden Sie es erneut.',
  },
};
