import type { Feature } from '../../tenants/portal-settings.js';
import { offeredFeatures } from './features.js';
import type { Catalog, LocaleChrome } from './types.js';

/** Dutch, the default. Customers are addressed with the formal "u". */
export const nlChrome: LocaleChrome = {
  greeting: (name) => (name ? `Beste ${name},` : 'Beste klant,'),
  copyLink: 'Werkt de knop niet? Kopieer dan deze link naar uw browser:',
  automated: 'Dit is een automatisch bericht. Antwoorden op deze e-mail worden niet gelezen.',
  supportLine: (email) => `Vragen? Mail naar ${email}.`,
};

const ignoreIfNotYou = 'Heeft u dit niet aangevraagd? Dan kunt u deze e-mail negeren.';

/** What each feature shows, as nouns after "uw" ("uw facturen en contracten"). */
const FEATURE_WORDS: Record<Feature, string> = {
  INVOICES: 'facturen',
  CONTRACTS: 'contracten',
  ORDERS: 'bestellingen',
  REQUESTS: 'verzoeken',
  DOCUMENTS: 'documenten',
  PROFILE: 'gegevens',
};

/** " Daar ziet u uw facturen en contracten." for the tenant's enabled features; nothing when none is. */
const offer = (features: readonly Feature[] | null | undefined, list: (items: string[]) => string): string => {
  const words = offeredFeatures({ features }).map((feature) => FEATURE_WORDS[feature]);
  return words.length ? ` Daar ziet u uw ${list(words)}.` : '';
};

export const nl: Catalog = {
  'account-invitation': (v, f) => ({
    subject: `Activeer uw account voor ${v.tenantName}`,
    heading: `Welkom bij ${v.tenantName}`,
    paragraphs: [
      `Er is een account voor u aangemaakt op het klantportaal van ${v.tenantName}.` + offer(v.features, f.list),
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
    subject: 'Bevestig het sluiten van uw account',
    heading: 'Account sluiten',
    paragraphs: [
      `U heeft gevraagd om uw account bij ${v.tenantName} te sluiten. Bevestig dit met de knop hieronder.`,
      'Na het sluiten kunt u niet meer inloggen. Dit kan niet ongedaan worden gemaakt.',
    ],
    action: { label: 'Sluiten bevestigen', url: v.confirmUrl },
    notes: [
      `Deze link is ${f.validity(v.validForMinutes)} geldig en werkt één keer.`,
      'Heeft u dit niet aangevraagd? Negeer dan deze e-mail; uw account blijft bestaan. Wijzig voor de zekerheid uw wachtwoord.',
    ],
  }),

  'account-closed': (v) => ({
    subject: 'Uw account is gesloten',
    heading: 'Uw account is gesloten',
    paragraphs: [
      `Uw account op het klantportaal van ${v.tenantName} is gesloten. U kunt niet meer inloggen en alle sessies en toegangssleutels zijn ingetrokken.`,
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

  'delegation-granted': (v, f) => ({
    subject: `${v.companyName} geeft u toegang in het klantportaal`,
    heading: `Toegang namens ${v.companyName}`,
    paragraphs: [
      `${v.companyName} heeft u via het klantportaal van ${v.tenantName} toegang gegeven tot: ${v.scopes.map((s) => NL_SCOPES[s] ?? s).join(', ')}.`,
      v.validUntil
        ? `De toegang geldt van ${f.dateTime(v.validFrom)} tot ${f.dateTime(v.validUntil)}.`
        : `De toegang geldt vanaf ${f.dateTime(v.validFrom)}, tot ${v.companyName} deze intrekt.`,
      v.hasAccount
        ? 'Kies na het inloggen bovenaan de pagina namens wie u werkt.'
        : `U heeft nog geen account op dit portaal. Zodra er een account voor dit e-mailadres is geactiveerd, gaat de toegang vanzelf in. Vraag ${v.companyName} of de beheerder van het portaal om een uitnodiging.`,
    ],
    action: v.hasAccount ? { label: 'Naar het klantportaal', url: v.portalUrl } : undefined,
    notes: ['Verwachtte u dit niet? Dan kunt u deze e-mail negeren; u kunt de toegang ook zelf beëindigen in het portaal.'],
  }),
};

const NL_SCOPES: Record<string, string> = {
  VIEW_INVOICES_ORDERS: 'facturen en bestellingen inzien',
  VIEW_CONTRACTS: 'contracten inzien',
  VIEW_DOCUMENTS: 'documenten inzien',
  SUBMIT_REQUESTS: 'verzoeken indienen en beantwoorden',
};
