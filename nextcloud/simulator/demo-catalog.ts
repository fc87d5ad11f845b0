import type { SchemaLayout } from './pipelinq-schemas.js';

/**
 * The demo world as plain data: two Dutch businesses running Pipelinq, their customers, products,
 * contract and request templates. `demo-builder.ts` turns this into objects, files and dates.
 */

export interface ContactSpec {
  key: string;
  name: string;
  email: string;
  phone: string;
  role: string;
}
export interface CustomerSpec {
  key: string;
  name: string;
  type: 'person' | 'organization';
  email: string;
  phone: string;
  address: string;
  website?: string;
  industry?: string;
  /** The first contact is the one a portal account signs in as. */
  contacts: ContactSpec[];
  volume: { invoices: number; orders: number; contracts: number; requests: number };
  /** Another OpenRegister organisation: only callers in that organisation see it. */
  foreignOrganisation?: boolean;
}
export interface ProductSpec {
  description: string;
  /** Excluding VAT, as Pipelinq's `priceMode: excl` transactions count. */
  unitPrice: number;
  /** Dutch VAT: 21 % standard, 9 % reduced (food, some labour). */
  vatRate: 21 | 9;
}
export interface ContractTemplate {
  title: string;
  billingInterval: 'monthly' | 'quarterly' | 'annual' | 'one-off';
  valuePerInterval: number;
}
export interface NoteSpec {
  visibility: 'customer' | 'internal';
  author: string;
  message: string;
}
export interface RequestTemplate {
  title: string;
  description: string;
  category: string;
  channel: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  notes: NoteSpec[];
}
export interface CategorySpec {
  name: string;
  exposeToCustomer: boolean;
}

export interface TenantSpec {
  instance: string;
  organisation: { key: string; name: string };
  registerId: number;
  /** Schema ids, the contract slug, and whether a `requestCategory` schema exists at all. */
  schemas: SchemaLayout;
  /** Staff names that appear as `cashier` on transactions. */
  cashiers: string[];
  firstObjectId: number;
  firstFileId: number;
  products: ProductSpec[];
  contracts: ContractTemplate[];
  requests: RequestTemplate[];
  /** Seeded into the `requestCategory` schema; empty when the tenant has none. */
  categories: CategorySpec[];
  customers: CustomerSpec[];
}

const FULL = { invoices: 26, orders: 11, contracts: 3, requests: 6 };
const SMALL = { invoices: 6, orders: 3, contracts: 1, requests: 2 };

const INSTALLER_REQUESTS: RequestTemplate[] = [
  {
    title: 'Cv-ketel geeft foutcode E119',
    description: 'De ketel slaat af en toont foutcode E119. Graag een monteur.',
    category: 'Storing',
    channel: 'phone',
    priority: 'high',
    notes: [
      {
        visibility: 'customer',
        author: 'Servicedesk',
        message: 'Monteur is ingepland voor donderdagochtend tussen 8 en 12 uur.',
      },
      { visibility: 'internal', author: 'Planning', message: 'Ketel is 14 jaar oud; vervangingsofferte meesturen.' },
      {
        visibility: 'customer',
        author: 'Monteur K. de Wit',
        message: 'Waterdruk aangevuld en drukschakelaar vervangen. Ketel werkt weer.',
      },
    ],
  },
  {
    title: 'Jaarlijks onderhoud inplannen',
    description: 'Wanneer kan het jaarlijkse onderhoud plaatsvinden?',
    category: 'Onderhoud',
    channel: 'email',
    priority: 'normal',
    notes: [
      {
        visibility: 'customer',
        author: 'Servicedesk',
        message: 'Het onderhoud staat gepland; u ontvangt een dag van tevoren een herinnering.',
      },
      { visibility: 'internal', author: 'Planning', message: 'Combineren met andere adressen in dezelfde wijk.' },
    ],
  },
  {
    title: 'Vraag over factuur',
    description: 'Op de laatste factuur staan voorrijkosten dubbel.',
    category: 'Facturatie',
    channel: 'web',
    priority: 'normal',
    notes: [
      { visibility: 'internal', author: 'Administratie', message: 'Klopt, dubbel geboekt. Creditnota aanmaken.' },
      {
        visibility: 'customer',
        author: 'Administratie',
        message: 'U heeft gelijk; we sturen u een creditnota voor de voorrijkosten.',
      },
    ],
  },
  {
    title: 'Offerte warmtepomp',
    description: 'Graag een offerte voor een hybride warmtepomp.',
    category: 'Offerte',
    channel: 'web',
    priority: 'low',
    notes: [{ visibility: 'customer', author: 'Verkoop', message: 'Een adviseur neemt contact met u op voor een opname.' }],
  },
  {
    title: 'Monteur te laat',
    description: 'De monteur kwam twee uur later dan afgesproken zonder bericht.',
    category: 'Klacht',
    channel: 'phone',
    priority: 'normal',
    notes: [
      { visibility: 'internal', author: 'Teamleider', message: 'Besproken met monteur; route was verkeerd gepland.' },
      { visibility: 'customer', author: 'Teamleider', message: 'Onze excuses. We hebben de planning aangepast.' },
    ],
  },
  {
    title: 'Betalingsachterstand controleren',
    description: 'Interne controle openstaande posten.',
    category: 'Creditcontrole',
    channel: 'internal',
    priority: 'low',
    notes: [{ visibility: 'internal', author: 'Administratie', message: 'Geen achterstand; dossier gesloten.' }],
  },
];

const OFFICE_REQUESTS: RequestTemplate[] = [
  {
    title: 'Verkeerde toner geleverd',
    description: 'Er is HP 305A geleverd in plaats van 305X.',
    category: 'Levering',
    channel: 'email',
    priority: 'normal',
    notes: [
      {
        visibility: 'customer',
        author: 'Klantenservice',
        message: 'De juiste toner is morgen bij u; de koerier neemt de verkeerde mee.',
      },
      { visibility: 'internal', author: 'Magazijn', message: 'Picklocatie 305A/305X staat naast elkaar; label aangepast.' },
    ],
  },
  {
    title: 'Bureaustoel kapot',
    description: 'De gasveer van de bureaustoel zakt weg.',
    category: 'Garantie',
    channel: 'web',
    priority: 'normal',
    notes: [
      { visibility: 'customer', author: 'Klantenservice', message: 'Valt onder garantie; een nieuwe gasveer is onderweg.' },
    ],
  },
  {
    title: 'Kopie van factuur',
    description: 'Kunt u een kopie van de factuur van vorige maand sturen?',
    category: 'Facturatie',
    channel: 'email',
    priority: 'low',
    notes: [
      { visibility: 'customer', author: 'Administratie', message: 'De factuur staat ook in uw klantportaal onder Facturen.' },
      { visibility: 'internal', author: 'Administratie', message: 'Klant op portaal wijzen.' },
    ],
  },
  {
    title: 'Offerte inrichting thuiswerkplek',
    description: 'Offerte voor bureau, stoel en monitorarm.',
    category: 'Offerte',
    channel: 'phone',
    priority: 'low',
    notes: [{ visibility: 'customer', author: 'Verkoop', message: 'Offerte volgt deze week per e-mail.' }],
  },
  {
    title: 'Levering te laat',
    description: 'Bestelling is nog niet binnen.',
    category: 'Levering',
    channel: 'web',
    priority: 'high',
    notes: [
      { visibility: 'internal', author: 'Magazijn', message: 'Backorder bij leverancier, verwacht volgende week.' },
      { visibility: 'customer', author: 'Klantenservice', message: 'Uw bestelling wordt volgende week geleverd.' },
    ],
  },
  {
    title: 'Kredietlimiet beoordelen',
    description: 'Interne beoordeling kredietlimiet.',
    category: 'Creditcontrole',
    channel: 'internal',
    priority: 'low',
    notes: [{ visibility: 'internal', author: 'Administratie', message: 'Limiet ongewijzigd.' }],
  },
];

export const TENANTS: TenantSpec[] = [
  {
    instance: 'demo',
    organisation: { key: 'warmtewerk', name: 'Warmtewerk Installatietechniek B.V.' },
    registerId: 5,
    // Pipelinq's own register: slug `contract` and no requestCategory schema (any category goes).
    schemas: { ids: { client: 21, contact: 22, request: 23, posTransaction: 24, contract: 25 }, contractSlug: 'contract' },
    cashiers: ['Kees de Wit', 'Monique Jansen', 'Ahmed Yilmaz'],
    firstObjectId: 101,
    firstFileId: 48001,
    products: [
      { description: 'Onderhoud cv-ketel', unitPrice: 129, vatRate: 9 },
      { description: 'Voorrijkosten', unitPrice: 45, vatRate: 21 },
      { description: 'Arbeid monteur (uur)', unitPrice: 67.5, vatRate: 9 },
      { description: 'Slimme thermostaat', unitPrice: 189.95, vatRate: 21 },
      { description: 'Drukschakelaar', unitPrice: 38.4, vatRate: 21 },
      { description: 'Inspectie koelcel', unitPrice: 210, vatRate: 21 },
      { description: 'Service bakkersoven', unitPrice: 345, vatRate: 21 },
      { description: 'Filterset ventilatie', unitPrice: 24.95, vatRate: 21 },
      { description: 'Expansievat 18 liter', unitPrice: 86.2, vatRate: 21 },
    ],
    contracts: [
      { title: 'Onderhoudscontract cv-ketel', billingInterval: 'annual', valuePerInterval: 159 },
      { title: 'Servicecontract koeling en ovens', billingInterval: 'quarterly', valuePerInterval: 625 },
      { title: 'Huur warmtepomp', billingInterval: 'monthly', valuePerInterval: 49.5 },
      { title: 'Storingsdekking 24/7', billingInterval: 'monthly', valuePerInterval: 12.5 },
    ],
    requests: INSTALLER_REQUESTS,
    categories: [],
    customers: [
      {
        key: 'jan-jansen',
        name: 'Jan Jansen',
        type: 'person',
        email: 'jan.jansen@example.nl',
        phone: '+31 6 12345678',
        address: 'Lindenlaan 14, 3521 AB Utrecht',
        contacts: [
          { key: 'jan-jansen', name: 'Jan Jansen', email: 'jan.jansen@example.nl', phone: '+31 6 12345678', role: 'Particulier' },
        ],
        volume: FULL,
      },
      {
        key: 'bakkerij-bakker',
        name: 'Bakkerij Bakker B.V.',
        type: 'organization',
        email: 'info@bakkerij-bakker.example',
        phone: '+31 30 2345678',
        address: 'Voorstraat 88, 3512 AT Utrecht',
        website: 'https://bakkerij-bakker.example',
        industry: 'Food',
        contacts: [
          {
            key: 'bakkerij-inkoop',
            name: 'Sanne de Groot',
            email: 'inkoop@bakkerij-bakker.example',
            phone: '+31 30 2345679',
            role: 'Inkoper',
          },
          {
            key: 'bakkerij-directie',
            name: 'Henk Bakker',
            email: 'henk@bakkerij-bakker.example',
            phone: '+31 6 23456789',
            role: 'Directeur',
          },
          {
            key: 'bakkerij-administratie',
            name: 'Fatima El Amrani',
            email: 'administratie@bakkerij-bakker.example',
            phone: '+31 30 2345680',
            role: 'Administratie',
          },
          {
            key: 'bakkerij-productie',
            name: 'Kees Verbeek',
            email: 'productie@bakkerij-bakker.example',
            phone: '+31 6 34567890',
            role: 'Productieleider',
          },
        ],
        volume: { ...FULL, invoices: 30, orders: 12, contracts: 4 },
      },
      {
        key: 'sophie-visser',
        name: 'Sophie Visser',
        type: 'person',
        email: 'sophie.visser@example.nl',
        phone: '+31 6 45678901',
        address: 'Kerkweg 3, 3451 CD Vleuten',
        contacts: [
          {
            key: 'sophie-visser',
            name: 'Sophie Visser',
            email: 'sophie.visser@example.nl',
            phone: '+31 6 45678901',
            role: 'Particulier',
          },
        ],
        volume: SMALL,
      },
      {
        key: 'hovenier-groen',
        name: 'Hoveniersbedrijf Groen B.V.',
        type: 'organization',
        email: 'info@groen-hoveniers.example',
        phone: '+31 30 3456789',
        address: 'Industrieweg 21, 3542 AD Utrecht',
        industry: 'Hoveniers',
        contacts: [
          {
            key: 'groen-inkoop',
            name: 'Mark Groen',
            email: 'mark@groen-hoveniers.example',
            phone: '+31 6 56789012',
            role: 'Eigenaar',
          },
          {
            key: 'groen-kantoor',
            name: 'Lisa Peters',
            email: 'kantoor@groen-hoveniers.example',
            phone: '+31 30 3456780',
            role: 'Office manager',
          },
        ],
        volume: SMALL,
      },
      {
        key: 'archief-klant',
        name: 'Zusterbedrijf Archief B.V.',
        type: 'organization',
        email: 'archief@zuster.example',
        phone: '+31 20 1111111',
        address: 'Damrak 1, 1012 LG Amsterdam',
        contacts: [],
        volume: { invoices: 0, orders: 0, contracts: 0, requests: 0 },
        foreignOrganisation: true,
      },
    ],
  },
  {
    instance: 'other',
    organisation: { key: 'kantoorhuis', name: 'Kantoorhuis Noord B.V.' },
    registerId: 7,
    // A register set up for portal code that pins `salesContract`, with a category catalogue.
    schemas: {
      ids: { client: 42, contact: 43, request: 44, posTransaction: 45, contract: 46, requestCategory: 47 },
      contractSlug: 'salesContract',
    },
    cashiers: ['Wouter Kuipers', 'Ingrid Mulder'],
    firstObjectId: 3001,
    firstFileId: 91001,
    products: [
      { description: 'Printpapier A4 80 g (doos 5x500)', unitPrice: 27.5, vatRate: 21 },
      { description: 'Toner HP 305X zwart', unitPrice: 119, vatRate: 21 },
      { description: 'Bureaustoel ergonomisch', unitPrice: 349, vatRate: 21 },
      { description: 'Monitorarm dubbel', unitPrice: 89.95, vatRate: 21 },
      { description: 'Ordners A4 (10 stuks)', unitPrice: 21.9, vatRate: 21 },
      { description: 'Koffiebonen 1 kg', unitPrice: 18.75, vatRate: 9 },
      { description: 'Bezorgkosten', unitPrice: 9.95, vatRate: 21 },
    ],
    contracts: [
      { title: 'Abonnement kantoorartikelen', billingInterval: 'monthly', valuePerInterval: 75 },
      { title: 'Koffieservice', billingInterval: 'quarterly', valuePerInterval: 180 },
      { title: 'Printerbeheer', billingInterval: 'annual', valuePerInterval: 420 },
    ],
    requests: OFFICE_REQUESTS,
    categories: [
      { name: 'Levering', exposeToCustomer: true },
      { name: 'Garantie', exposeToCustomer: true },
      { name: 'Facturatie', exposeToCustomer: true },
      { name: 'Offerte', exposeToCustomer: true },
      { name: 'Creditcontrole', exposeToCustomer: false },
    ],
    customers: [
      {
        key: 'piet-de-vries',
        name: 'Piet de Vries',
        type: 'person',
        email: 'piet@example.org',
        phone: '+31 6 87654321',
        address: 'Zuiderdiep 45, 9711 HB Groningen',
        contacts: [
          {
            key: 'piet-de-vries',
            name: 'Piet de Vries',
            email: 'piet@example.org',
            phone: '+31 6 87654321',
            role: 'Particulier',
          },
        ],
        volume: FULL,
      },
      {
        key: 'anouk-smit',
        name: 'Anouk Smit',
        type: 'person',
        email: 'anouk.smit@example.org',
        phone: '+31 6 76543210',
        address: 'Herestraat 9, 9711 LC Groningen',
        contacts: [
          {
            key: 'anouk-smit',
            name: 'Anouk Smit',
            email: 'anouk.smit@example.org',
            phone: '+31 6 76543210',
            role: 'Particulier',
          },
        ],
        volume: SMALL,
      },
      {
        key: 'drukkerij-van-dijk',
        name: 'Drukkerij Van Dijk B.V.',
        type: 'organization',
        email: 'info@drukkerij-vandijk.example',
        phone: '+31 50 3123456',
        address: 'Osloweg 110, 9723 BX Groningen',
        industry: 'Grafisch',
        contacts: [
          {
            key: 'vandijk-inkoop',
            name: 'Erik van Dijk',
            email: 'erik@drukkerij-vandijk.example',
            phone: '+31 6 65432109',
            role: 'Inkoop',
          },
          {
            key: 'vandijk-receptie',
            name: 'Noor Bos',
            email: 'receptie@drukkerij-vandijk.example',
            phone: '+31 50 3123450',
            role: 'Receptie',
          },
        ],
        volume: SMALL,
      },
    ],
  },
];
