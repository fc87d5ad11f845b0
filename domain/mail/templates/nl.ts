import type { Catalog, LocaleChrome } from './types.js';

/** Dutch, the default. Customers are addressed with the formal "u". */
export const nlChrome: LocaleChrome = {
  greeting: (name) => (name ? `Beste ${name},` : 'Beste klant,'),
  copyLink: 'Werkt de knop niet? Kopieer dan deze link naar uw browser:',
  automated: 'Dit is een automatisch bericht. Antwoorden op deze e-mail worden niet gelezen.',
  supportLine: (email) => `Vragen? Mail naar ${email}.`,
};

const ignoreIfNotYou = 'Heeft u dit niet aangevraagd? Dan kunt u deze e-mail negeren.';

export const nl: Catalog = {
  'account-invitation': (v, f) => ({
    subject: `Activeer uw account voor ${v.tenantName}`,
    heading: `Welkom bij ${v.tenantName}`,
    paragraphs: [
      `Er is een account voor u aangemaakt op het klantportaal van ${v.tenantName}. Daar ziet u uw facturen, contracten, bestellingen, verzoeken en documenten.`,
      'Kies een wachtwoord om uw account te activeren.',
    ],
    action: { label: 'Account activeren', url: v.activationUrl },
    notes: [
      `Deze link is ${f.validity(v.validForMinutes)} geldig en werkt één keer.`,
      'Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren.',
    ],
  }),

  'password-reset': (v, f) => ({
    subject: `Wachtwoord herstellen voor ${v.tenantName}`,
    heading: 'Nieuw wachtwoord instellen',
    paragraphs: [`Wij hebben een verzoek ontvangen om het wachtwoord van uw account bij ${v.tenantName} te herstellen.`],
    action: { label: 'Nieuw wachtwoord instellen', url: v.resetUrl },
    notes: [
      `Deze link is ${f.validity(v.validForMinutes)} geldig en werkt één keer.`,
      `${ignoreIfNotYou} Uw wachtwoord blijft dan ongewijzigd.`,
    ],
  }),

  'email-change-confirmation': (v, f) => ({
    subject: 'Bevestig uw nieuwe e-mailadres',
    heading: 'Bevestig uw nieuwe e-mailadres',
    paragraphs: [
      `U heeft gevraagd om ${v.newEmail} te gebruiken als e-mailadres voor uw account bij ${v.tenantName}.`,
      'Bevestig dit adres met de knop hieronder. Tot dan blijft uw huidige e-mailadres in gebruik.',
    ],
    action: { label: 'E-mailadres bevestigen', url: v.confirmUrl },
    notes: [`Deze link is ${f.validity(v.validForMinutes)} geldig en werkt één keer.`, ignoreIfNotYou],
  }),

  'email-change-notice': (v, f) => ({
    subject: 'Uw e-mailadres wordt gewijzigd',
    heading: 'Uw e-mailadres wordt gewijzigd',
    paragraphs: [
      `Er is gevraagd om het e-mailadres van uw account bij ${v.tenantName} te wijzigen in ${v.newEmail}.`,
      'De wijziging gaat pas in nadat het nieuwe adres is bevestigd. Tot die tijd blijft dit adres in gebruik.',
      `Heeft u dit niet zelf gedaan? Wijzig dan direct uw wachtwoord en neem contact op met ${f.support}.`,
    ],
  }),

  'data-export-ready': (v, f) => ({
    subject: 'Uw gegevensexport staat klaar',
    heading: 'Uw gegevensexport staat klaar',
    paragraphs: [
      `U heeft een overzicht gevraagd van de gegevens die ${v.tenantName} via het klantportaal over u bewaart. Dat overzicht staat nu voor u klaar.`,
    ],
    action: { label: 'Export downloaden', url: v.downloadUrl },
    notes: [
      `De downloadlink is ${f.validity(v.validForMinutes)} geldig.`,
      'Het bestand bevat persoonsgegevens. Bewaar het zorgvuldig.',
    ],
  }),

  'account-closure-confirmation': (v, f) => ({
    subject: 'Bevestig het opheffen van uw account',
    heading: 'Account opheffen',
    paragraphs: [
      `U heeft gevraagd om uw account bij ${v.tenantName} op te heffen. Bevestig dit met de knop hieronder.`,
      'Na het opheffen kunt u niet meer inloggen. Dit kan niet ongedaan worden gemaakt.',
    ],
    action: { label: 'Opheffen bevestigen', url: v.confirmUrl },
    notes: [
      `Deze link is ${f.validity(v.validForMinutes)} geldig en werkt één keer.`,
      'Heeft u dit niet aangevraagd? Negeer dan deze e-mail; uw account blijft bestaan. Wijzig voor de zekerheid uw wachtwoord.',
    ],
  }),

  'account-closed': (v) => ({
    subject: 'Uw account is opgeheven',
    heading: 'Uw account is opgeheven',
    paragraphs: [
      `Uw account op het klantportaal van ${v.tenantName} is opgeheven. U kunt niet meer inloggen en alle sessies en toegangssleutels zijn ingetrokken.`,
      'Links naar een export van uw gegevens die wij u eerder mailden, werken niet meer.',
      'Gegevens die wij wettelijk moeten bewaren, zoals facturen, bewaren wij zolang dat verplicht is. Daarna worden uw persoonsgegevens gepseudonimiseerd.',
    ],
  }),

  'mfa-disabled': (v, f) => ({
    subject: 'Tweestapsverificatie is uitgeschakeld',
    heading: 'Tweestapsverificatie is uitgeschakeld',
    paragraphs: [
      `Op ${f.dateTime(v.occurredAt)} is de tweestapsverificatie voor uw account bij ${v.tenantName} uitgeschakeld. Inloggen vraagt nu alleen nog om uw wachtwoord.`,
      `Heeft u dit niet zelf gedaan? Wijzig dan direct uw wachtwoord, schakel tweestapsverificatie weer in en neem contact op met ${f.support}.`,
    ],
  }),

  'password-changed': (v, f) => ({
    subject: 'Uw wachtwoord is gewijzigd',
    heading: 'Uw wachtwoord is gewijzigd',
    paragraphs: [
      `Op ${f.dateTime(v.occurredAt)} is het wachtwoord van uw account bij ${v.tenantName} gewijzigd.`,
      ...(v.apiTokensRevoked
        ? [
            `Voor uw veiligheid zijn ook uw API-tokens voor koppelingen ingetrokken (${v.apiTokensRevoked}). Maak in het portaal nieuwe tokens aan voor de systemen die u nog gebruikt.`,
          ]
        : []),
      `Heeft u dit niet zelf gedaan? Herstel dan direct uw wachtwoord via "Wachtwoord vergeten" en neem contact op met ${f.support}.`,
    ],
  }),
};
