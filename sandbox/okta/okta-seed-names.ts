/** Name pools for deterministic seed users. 120 x 120 combinations before suffixes kick in. */
export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie',
  'Ronald', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Dorothy',
  'Jacob', 'Amy', 'Gary', 'Kathleen', 'Nicholas', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Emma',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Anna', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Carolyn',
  'Frank', 'Janet', 'Raymond', 'Maria', 'Jack', 'Olivia', 'Dennis', 'Heather', 'Jerry', 'Helen',
  'Tyler', 'Catherine', 'Aaron', 'Diane', 'Jose', 'Julie', 'Adam', 'Victoria', 'Nathan', 'Joyce',
  'Henry', 'Lauren', 'Zachary', 'Kelly', 'Douglas', 'Christina', 'Peter', 'Ruth', 'Kyle', 'Joan',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds',
];

export const DEPARTMENTS = [
  'Security', 'IT', 'Engineering', 'Finance', 'Human Resources', 'Sales', 'Marketing', 'Legal', 'Operations', 'Support',
] as const;

export const TITLES: Record<(typeof DEPARTMENTS)[number], string[]> = {
  Security: ['Security Analyst', 'Security Engineer', 'SOC Analyst'],
  IT: ['Helpdesk Technician', 'Systems Administrator', 'Network Engineer'],
  Engineering: ['Software Engineer', 'Senior Software Engineer', 'Engineering Manager'],
  Finance: ['Accountant', 'Financial Analyst', 'Controller'],
  'Human Resources': ['HR Generalist', 'Recruiter', 'HR Business Partner'],
  Sales: ['Account Executive', 'Sales Development Rep', 'Sales Manager'],
  Marketing: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager'],
  Legal: ['Counsel', 'Paralegal', 'Compliance Officer'],
  Operations: ['Operations Analyst', 'Facilities Coordinator', 'Office Manager'],
  Support: ['Support Specialist', 'Support Engineer', 'Customer Success Manager'],
};

export const CITIES = [
  ['San Francisco', 'CA'], ['Austin', 'TX'], ['New York', 'NY'], ['Chicago', 'IL'], ['Seattle', 'WA'],
  ['Denver', 'CO'], ['Atlanta', 'GA'], ['Boston', 'MA'], ['Orlando', 'FL'], ['Portland', 'OR'],
] as const;

/** Groups created first, in this order, so demos and tests can rely on them. */
export const FIXED_GROUPS: { name: string; description: string; department?: (typeof DEPARTMENTS)[number] }[] = [
  { name: 'ThreatLocker Admins', description: 'Full administrators of the ThreatLocker portal' },
  { name: 'ThreatLocker Read Only', description: 'Read-only access to the ThreatLocker portal' },
  { name: 'IT Helpdesk', description: 'First-line IT support', department: 'IT' },
  { name: 'Security Operations', description: 'Security operations center staff', department: 'Security' },
  { name: 'Engineering', description: 'Product engineering', department: 'Engineering' },
  { name: 'Finance', description: 'Finance and accounting', department: 'Finance' },
  { name: 'Human Resources', description: 'People team', department: 'Human Resources' },
  { name: 'Sales', description: 'Sales organization', department: 'Sales' },
  { name: 'Marketing', description: 'Marketing organization', department: 'Marketing' },
  { name: 'Contractors', description: 'External contractors' },
  { name: 'Executives', description: 'Executive leadership team' },
];

export const GROUP_WORDS = [
  'Project', 'Team', 'Committee', 'Guild', 'Squad', 'Working Group', 'Council', 'Taskforce',
];
export const GROUP_TOPICS = [
  'Falcon', 'Orion', 'Atlas', 'Phoenix', 'Nimbus', 'Aurora', 'Zephyr', 'Titan', 'Helix', 'Vertex',
  'Cloud Migration', 'Data Platform', 'Compliance', 'Onboarding', 'Incident Response', 'Wellness',
  'Mentoring', 'Hackathon', 'Budget', 'Vendor Review', 'Backup', 'Patch Tuesday', 'Endpoint', 'Identity',
];
export const REGIONS = ['NA', 'EMEA', 'APAC', 'LATAM', 'US-East', 'US-West'];
