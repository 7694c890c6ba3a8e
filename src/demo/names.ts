/** Word lists for realistic attendees. */

export const FIRST_NAMES: readonly string[] = [
  'Aino', 'Eero', 'Liisa', 'Mikko', 'Sanna', 'Juha', 'Laura', 'Ville', 'Emma', 'Oskari', 'Ingrid', 'Lars',
  'Sofia', 'Magnus', 'Freja', 'Henrik', 'Astrid', 'Nils', 'Maja', 'Erik', 'Sara', 'Jonas', 'Elin', 'Anders',
  'Olivia', 'James', 'Priya', 'Arjun', 'Mei', 'Wei', 'Yuki', 'Kenji', 'Fatima', 'Omar', 'Lucía', 'Mateo',
  'Chloé', 'Louis', 'Hannah', 'Lukas', 'Zofia', 'Jakub', 'Amara', 'Kwame', 'Isabella', 'Marco', 'Noa', 'Ethan',
  'Katarzyna', 'Dmitri', 'Siobhan', 'Patrick', 'Ana', 'João', 'Léa', 'Mathis', 'Ida', 'Oliver', 'Nora', 'Aleksi',
];

export const LAST_NAMES: readonly string[] = [
  'Virtanen', 'Korhonen', 'Mäkinen', 'Nieminen', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen',
  'Lehtonen', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsen', 'Hansen', 'Jensen',
  'Olsen', 'Berg', 'Lindqvist', 'Smith', 'Brown', 'Patel', 'Sharma', 'Chen', 'Wang', 'Tanaka', 'Sato',
  'Haddad', 'García', 'Fernández', 'Martin', 'Dubois', 'Müller', 'Schmidt', 'Nowak', 'Kowalski', 'Mensah',
  'Rossi', 'Cohen', 'Murphy', "O'Brien", 'Silva', 'Santos', 'Ivanova', 'van der Berg', 'De Luca', 'Okafor',
];

export const COMPANIES: readonly { name: string; domain: string }[] = [
  { name: 'Aurora Analytics', domain: 'aurora-analytics.example' },
  { name: 'Fjord Ventures', domain: 'fjordventures.example' },
  { name: 'Polar Bytes Oy', domain: 'polarbytes.example' },
  { name: 'Nordlys Energy', domain: 'nordlys.example' },
  { name: 'Baltic Freight', domain: 'balticfreight.example' },
  { name: 'Kide Health', domain: 'kidehealth.example' },
  { name: 'Sisu Robotics', domain: 'sisurobotics.example' },
  { name: 'Lumen Capital', domain: 'lumencapital.example' },
  { name: 'Tundra Games', domain: 'tundragames.example' },
  { name: 'Saimaa Foods', domain: 'saimaafoods.example' },
  { name: 'Viking Cloud', domain: 'vikingcloud.example' },
  { name: 'Helix Biotech', domain: 'helixbio.example' },
  { name: 'Oresund Logistics', domain: 'oresund.example' },
  { name: 'Midsummer Media', domain: 'midsummer.example' },
  { name: 'Glacier Security', domain: 'glaciersec.example' },
  { name: 'Birch & Pine Consulting', domain: 'birchpine.example' },
  { name: 'Northwind Mobility', domain: 'northwind.example' },
  { name: 'Archipelago AI', domain: 'archipelago.example' },
  { name: 'Kaamos Design', domain: 'kaamos.example' },
  { name: 'Seabird Fintech', domain: 'seabird.example' },
  { name: 'University of Turku', domain: 'utu.example' },
  { name: 'City of Espoo', domain: 'espoo.example' },
];

export const TITLES: readonly string[] = [
  'CEO', 'CTO', 'Founder', 'Co-founder', 'Head of Partnerships', 'Product Manager', 'Software Engineer',
  'Data Scientist', 'Marketing Director', 'Sales Manager', 'Investor', 'Researcher', 'Designer',
  'Community Manager', 'Student', 'Consultant', 'Business Developer', 'VP Engineering',
];

/** Lower-case ASCII for e-mail local parts. */
export function emailPart(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Names of the demo's streams and sponsors, picked by id. */
export const STREAM_NAMES: readonly string[] = ['Main Stage', 'Keynote Hall', 'Workshop Room', 'Startup Stage', 'Panel Room', 'Fireside Lounge'];
export const SPONSOR_NAMES: readonly string[] = [
  'Aurora Cloud', 'Fjord Analytics', 'Northwind Labs', 'Polar Payments', 'Saimaa Systems', 'Lumo Security',
  'Kide Robotics', 'Taiga Data', 'Revontuli Media', 'Sisu Logistics', 'Halla Energy', 'Koski Health',
];
