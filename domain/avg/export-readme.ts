/**
 * README.txt in a data export: what the person reads first. It names every category in
 * export.json and where it came from (the portal's own store, its audit trail, or the tenant's
 * Nextcloud with the Pipelinq record type), and, when the tenant left internal notes out, quotes
 * the ground it stated for that (Art. 15: the person must be able to see what was withheld and why),
 * and points to the readable overview page and the CSV files next to export.json.
 */

type Language = 'nl' | 'en';

/** The files export-trailer.ts writes under csv/ (the README lists them; a test checks both agree). */
export const CSV_NAMES = [
  'invoices.csv',
  'orders.csv',
  'contracts.csv',
  'requests.csv',
  'request-notes.csv',
  'documents.csv',
  'sessions.csv',
  'audit-events.csv',
];

interface Category {
  key: string;
  nl: string;
  en: string;
}

const PORTAL = { nl: 'klantportaal (eigen database)', en: 'customer portal (its own database)' };
const AUDIT = { nl: 'logboek van het klantportaal', en: "customer portal's audit log" };
const nextcloud = (type: string) => ({ nl: `Nextcloud, Pipelinq-${type}`, en: `Nextcloud, Pipelinq ${type}` });

const CATEGORIES: Array<Category & { from: { nl: string; en: string } }> = [
  {
    key: 'account',
    nl: 'uw portaalaccount (adres, status, taal, data)',
    en: 'your portal account (address, status, language, dates)',
    from: PORTAL,
  },
  {
    key: 'pendingEmailChange',
    nl: 'een nieuw e-mailadres dat nog bevestigd moet worden',
    en: 'a new email address waiting for confirmation',
    from: PORTAL,
  },
  {
    key: 'sessions',
    nl: 'uw sessies (wanneer begonnen, laatst actief, beëindigd)',
    en: 'your sessions (started, last active, ended)',
    from: PORTAL,
  },
  { key: 'signInHistory', nl: 'uw inlogpogingen, geslaagd en mislukt', en: 'your sign-ins, successful and failed', from: AUDIT },
  {
    key: 'person',
    nl: 'uw persoonsgegevens (particuliere klant)',
    en: 'your personal details (consumer)',
    from: nextcloud('client'),
  },
  { key: 'contact', nl: 'uw contactpersoongegevens', en: 'your contact details', from: nextcloud('contact') },
  {
    key: 'organisation',
    nl: 'de organisatie (zakelijk account)',
    en: 'the organisation (business account)',
    from: nextcloud('client'),
  },
  { key: 'invoices', nl: 'facturen', en: 'invoices', from: nextcloud('posTransaction') },
  { key: 'orders', nl: 'bestellingen', en: 'orders', from: nextcloud('posTransaction') },
  { key: 'contracts', nl: 'contracten', en: 'contracts', from: nextcloud('contract') },
  {
    key: 'requests',
    nl: 'aanvragen met de voor u zichtbare notities (notes)',
    en: 'requests with the notes visible to you (notes)',
    from: nextcloud('request'),
  },
  {
    key: 'internalNotes',
    nl: 'interne notities over u bij die aanvragen',
    en: 'internal notes about you on those requests',
    from: nextcloud('request'),
  },
  {
    key: 'documents',
    nl: 'lijst van documenten; de bestanden staan in documents/',
    en: 'list of documents; the files are in documents/',
    from: { nl: 'Nextcloud, bestanden bij de records hierboven', en: 'Nextcloud, files attached to the records above' },
  },
  {
    key: 'auditEvents',
    nl: 'alles wat er met uw account is gebeurd',
    en: 'everything that happened with your account',
    from: AUDIT,
  },
];

const TEXT = {
  nl: {
    title: (tenant: string) => `Gegevensexport van het klantportaal van ${tenant}`,
    made: (at: string) => `Gemaakt op ${at} (UTC).`,
    intro: 'Dit archief bevat de persoonsgegevens die via het klantportaal over u worden bewaard (AVG artikel 15).',
    list: 'export.json bevat per onderdeel (tussen haakjes: waar het vandaan komt):',
    from: 'bron',
    excluded: (ground: string) => [
      'Interne notities bij uw aanvragen zijn NIET opgenomen. De organisatie geeft daarvoor deze grond op:',
      `  "${ground}"`,
      'U kunt de organisatie om toelichting vragen.',
    ],
    readable: [
      'Leesbaar overzicht: open overzicht.html in een webbrowser (werkt zonder internet).',
      'Tabellen voor een spreadsheet: de map csv/ (UTF-8, komma-gescheiden), één bestand per lijst:',
    ],
    keep: 'Het bestand bevat persoonsgegevens. Bewaar het zorgvuldig.',
  },
  en: {
    title: (tenant: string) => `Data export from the customer portal of ${tenant}`,
    made: (at: string) => `Made on ${at} (UTC).`,
    intro: 'This archive holds the personal data the customer portal keeps about you (GDPR article 15).',
    list: 'export.json holds, per part (in brackets: where it came from):',
    from: 'source',
    excluded: (ground: string) => [
      'Internal notes on your requests are NOT included. The organisation states this ground for it:',
      `  "${ground}"`,
      'You can ask the organisation to explain.',
    ],
    readable: [
      'Readable overview: open overview.html in a web browser (works offline).',
      'Tables for a spreadsheet: the csv/ folder (UTF-8, comma separated), one file per list:',
    ],
    keep: 'The file contains personal data. Keep it safe.',
  },
} as const;

export function readmeText(
  locale: string,
  tenantName: string,
  exportedAt: Date,
  internalNotesExcluded: string | null = null,
): Buffer {
  const language: Language = locale.toLowerCase().startsWith('en') ? 'en' : 'nl';
  const t = TEXT[language];
  const lines = [
    t.title(tenantName),
    t.made(exportedAt.toISOString().replace('T', ' ').slice(0, 19)),
    '',
    t.intro,
    t.list,
    ...CATEGORIES.filter((c) => !(internalNotesExcluded && c.key === 'internalNotes')).map(
      (c) => `- ${c.key}: ${c[language]} (${t.from}: ${c.from[language]})`,
    ),
    '',
    ...t.readable,
    `  ${CSV_NAMES.join(', ')}`,
    '',
    ...(internalNotesExcluded ? [...t.excluded(internalNotesExcluded), ''] : []),
    t.keep,
    '',
  ];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
