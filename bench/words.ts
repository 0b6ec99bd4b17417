/**
 * Word lists for the synthetic benchmark corpora and questions.
 *
 * Generic on purpose: none of these name anything in the seed article. They only give
 * the generator enough different names, places, organisations and topics that a large
 * corpus has a realistic, long-tailed vocabulary instead of one article repeated.
 */

/** Common English function words: never treated as names, never used as question content. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can cannot could did do does doing down during each even few for from further get " +
    "go had has have having he her here hers herself him himself his how i if in into is it its itself just " +
    "me more most my myself no nor not now of off on once one only or other our ours ourselves out over own " +
    "same she should so some such than that the their theirs them themselves then there these they this those " +
    "through to too under until up us very was we well were what when where which while who whom why will " +
    "with would you your yours yourself yourselves may might must shall tell said says say let many much " +
    "per via upon within without among towards toward according however although though yet still already"
  ).split(" "),
);

export const MONTHS: readonly string[] = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

export const WEEKDAYS: readonly string[] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const FIRST_NAMES: readonly string[] = [
  "Anna", "Maria", "Elena", "Sofia", "Laura", "Clara", "Ingrid", "Amara", "Leila", "Nadia", "Yuki", "Priya",
  "Fatima", "Grace", "Helen", "Irene", "Julia", "Karin", "Lucia", "Marta", "Nora", "Olga", "Paula", "Rosa",
  "Sara", "Tanya", "Vera", "Zara", "Aisha", "Beatriz", "David", "Michael", "Pedro", "Lars", "Omar", "Rahul",
  "Kenji", "Ivan", "Tomas", "Marco", "Stefan", "Pierre", "Hans", "Jonas", "Karl", "Luis", "Mateo", "Nikolai",
  "Oscar", "Pablo", "Rafael", "Samuel", "Thomas", "Viktor", "Walter", "Yusuf", "Ahmed", "Bruno", "Carlos",
  "Daniel", "Emil", "Felix", "Georg", "Hugo", "Igor", "Jakob", "Kofi", "Leon", "Malik", "Nils", "Arjun",
];

export const SURNAMES: readonly string[] = [
  "Lindqvist", "Moreau", "Okafor", "Tanaka", "Haddad", "Kowalski", "Fischer", "Rossi", "Novak", "Silva",
  "Petrov", "Jensen", "Nakamura", "Mensah", "Alvarez", "Dubois", "Schmidt", "Bianchi", "Horvat", "Costa",
  "Ivanova", "Larsen", "Suzuki", "Owusu", "Romero", "Laurent", "Weber", "Ricci", "Kovac", "Pereira",
  "Sokolov", "Nielsen", "Yamamoto", "Boateng", "Torres", "Lefebvre", "Wagner", "Greco", "Varga", "Santos",
  "Morozov", "Hansen", "Kobayashi", "Adeyemi", "Navarro", "Girard", "Becker", "Conti", "Szabo", "Almeida",
  "Volkov", "Berg", "Watanabe", "Nwosu", "Ramos", "Fontaine", "Hoffmann", "Marino", "Toth", "Ferreira",
  "Kuznetsov", "Dahl", "Ito", "Eze", "Castillo", "Mercier", "Schulz", "Galli", "Farkas", "Rocha",
  "Popescu", "Kaya", "Demir", "Haas", "Brennan", "Quinn", "Osei", "Mwangi", "Kamau", "Abara",
];

export const PLACES: readonly string[] = [
  "Norway", "Chile", "Ghana", "Portugal", "Vietnam", "Canada", "Kenya", "Peru", "Finland", "Morocco",
  "Indonesia", "Austria", "Uruguay", "Jordan", "Mongolia", "Ireland", "Senegal", "Malaysia", "Croatia", "Ecuador",
  "Oslo", "Santiago", "Accra", "Lisbon", "Hanoi", "Ottawa", "Nairobi", "Lima", "Helsinki", "Rabat",
  "Jakarta", "Vienna", "Montevideo", "Amman", "Ulaanbaatar", "Dublin", "Dakar", "Kuala Lumpur", "Zagreb", "Quito",
  "Bergen", "Valparaiso", "Kumasi", "Porto", "Danang", "Vancouver", "Mombasa", "Cusco", "Tampere", "Tangier",
  "Surabaya", "Salzburg", "Colonia", "Aqaba", "Darkhan", "Cork", "Thies", "Penang", "Split", "Cuenca",
  "Iceland", "Tunisia", "Namibia", "Paraguay", "Nepal", "Estonia", "Slovenia", "Botswana", "Bhutan", "Malta",
];

/** Capitalised words that make up organisation and institution names. */
export const ORG_WORDS: readonly string[] = [
  "National", "Regional", "Federal", "Central", "Joint", "Global", "Northern", "Southern", "Eastern", "Western",
  "Energy", "Trade", "Transport", "Water", "Health", "Science", "Maritime", "Agricultural", "Digital", "Cultural",
  "Council", "Forum", "Agency", "Union", "Commission", "Institute", "Assembly", "Authority", "Bank", "Board",
  "Ministry", "Committee", "Alliance", "Foundation", "Office", "Service", "Chamber", "Academy", "Fund", "Network",
];

/**
 * Lower-case news topic nouns. Occurrences in the source text are swapped for other
 * words of this list (consistently within a synthetic document), which is where most
 * of the synthetic corpora's topical variety comes from.
 */
export const TOPIC_NOUNS: readonly string[] = [
  "trade", "investment", "energy", "transport", "logistics", "agriculture", "tourism", "education", "health",
  "security", "defence", "technology", "finance", "industry", "mining", "infrastructure", "water", "climate",
  "culture", "science", "sports", "media", "housing", "employment", "taxation", "budget", "exports", "imports",
  "fisheries", "forestry", "shipping", "aviation", "railways", "telecommunications", "banking", "insurance",
  "pharmaceuticals", "manufacturing", "construction", "textiles", "electricity", "hydropower", "nuclear",
  "petrochemicals", "fertilizers", "grain", "cotton", "steel", "aluminium", "copper", "uranium", "lithium",
  "tourism", "migration", "customs", "healthcare", "research", "innovation", "startups", "broadband",
  "cybersecurity", "diplomacy", "humanitarian", "environment", "biodiversity", "recycling", "pensions",
  "wages", "inflation", "credit", "bonds", "subsidies", "tariffs", "pipelines", "ports", "airports",
  "highways", "bridges", "schools", "hospitals", "universities", "museums", "theatres", "libraries",
  "oil", "gas", "coal", "wind", "solar", "hydrogen", "economics", "communications", "irrigation", "dairy",
  "livestock", "fishing", "timber", "gold", "silver", "diamonds", "cement", "chemicals", "electronics",
  "software", "satellites", "vaccines", "nutrition", "sanitation", "policing", "justice", "elections",
];

/** Words after which a capitalised single word is most likely a place. */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set([
  "in", "at", "from", "to", "of", "between", "across", "near", "visited", "into", "towards",
]);

/** Openers for the generated questions; `{}` is replaced by content words of a sentence. */
export const QUESTION_TEMPLATES: readonly string[] = [
  "What did {}?", "Who {}?", "When {}?", "Where {}?", "How {}?", "Why {}?", "What about {}?",
  "Tell me about {}", "What is known about {}?", "{}?", "What was said about {}?", "Which {}?",
];

/**
 * Content words grouped by suffix (hence, roughly, by part of speech). A source word
 * with one of these endings may be swapped for another word of the same group, so the
 * synthetic text keeps its grammar while its vocabulary grows far beyond the source's.
 * Ordered longest suffix first; the first matching suffix wins.
 */
export const WORD_CLASSES: ReadonlyArray<readonly [string, readonly string[]]> = [
  // Whole words first (suffix ""): exact matches, checked before any suffix.
  ["=two", ["two", "three", "four", "five", "six", "several", "many", "both"]],
  ["=first", ["first", "second", "third", "fourth", "latest", "recent", "final"]],
  // Speech verbs the loader's quote attribution knows, so attribution survives the swap.
  ["=said", ["said", "noted", "stressed", "emphasized", "added", "stated", "remarked", "explained", "declared"]],
  ["tion", [
    "negotiation", "construction", "production", "investigation", "legislation", "regulation", "population",
    "administration", "delegation", "declaration", "resolution", "expansion", "inflation", "election", "coalition",
    "reduction", "transition", "integration", "modernization", "privatization", "evaluation", "consultation",
    "presentation", "celebration", "exhibition", "competition", "collaboration", "implementation", "transformation",
    "restoration", "preservation", "cooperation", "federation", "foundation", "generation", "innovation",
    "institution", "organization", "protection", "reconstruction", "digitalization", "diversification",
  ]],
  ["sion", ["decision", "discussion", "commission", "expansion", "provision", "revision", "extension", "division", "mission", "vision", "tension", "session", "admission", "inclusion"]],
  ["ment", [
    "agreement", "development", "investment", "government", "settlement", "management", "employment", "environment",
    "statement", "announcement", "commitment", "treatment", "improvement", "movement", "payment", "equipment",
    "parliament", "requirement", "deployment", "enforcement", "procurement", "assessment", "achievement", "amendment",
    "arrangement", "engagement", "involvement", "recruitment", "replacement", "shipment",
  ]],
  ["ness", ["awareness", "readiness", "effectiveness", "fairness", "openness", "usefulness", "weakness", "willingness", "preparedness", "competitiveness", "closeness", "richness"]],
  ["ity", [
    "security", "stability", "capacity", "community", "activity", "authority", "priority", "opportunity", "quality",
    "responsibility", "sustainability", "mobility", "connectivity", "productivity", "majority", "integrity",
    "diversity", "facility", "solidarity", "prosperity", "identity", "continuity", "reliability", "flexibility",
  ]],
  ["ive", [
    "effective", "positive", "collective", "competitive", "productive", "innovative", "extensive", "executive",
    "progressive", "constructive", "comprehensive", "alternative", "legislative", "administrative", "creative",
    "protective", "decisive", "intensive", "sensitive", "attractive", "supportive", "cooperative",
  ]],
  ["ous", [
    "various", "numerous", "previous", "serious", "ambitious", "generous", "continuous", "prosperous", "dangerous",
    "famous", "tremendous", "enormous", "obvious", "precious", "rigorous", "vigorous", "harmonious", "autonomous",
  ]],
  ["ic", [
    "economic", "strategic", "domestic", "public", "scientific", "historic", "democratic", "diplomatic", "academic",
    "electronic", "geographic", "specific", "dynamic", "systematic", "athletic", "organic", "civic", "artistic",
  ]],
  ["ly", [
    "efficiently", "largely", "highly", "closely", "significantly", "rapidly", "steadily", "gradually", "actively",
    "strongly", "fully", "jointly", "successfully", "effectively", "directly", "mutually", "officially", "publicly",
    "regularly", "recently", "consistently", "firmly", "openly", "warmly",
  ]],
  ["al", [
    "international", "regional", "national", "cultural", "historical", "political", "financial", "industrial",
    "agricultural", "environmental", "technical", "critical", "digital", "central", "federal", "global", "local",
    "traditional", "practical", "official", "essential", "commercial", "educational", "medical", "municipal",
    "territorial", "bilateral", "multilateral", "structural", "fraternal", "historical", "additional",
  ]],
  ["ant", ["significant", "important", "relevant", "abundant", "constant", "dominant", "vibrant", "brilliant", "pleasant", "reluctant", "distant", "elegant"]],
  ["ent", ["efficient", "sufficient", "recent", "current", "different", "independent", "permanent", "consistent", "prominent", "urgent", "excellent", "resilient", "transparent", "frequent", "competent", "confident"]],
  ["ing", [
    "developing", "hosting", "strengthening", "working", "bringing", "building", "expanding", "growing", "improving",
    "launching", "leading", "opening", "planning", "promoting", "reducing", "supporting", "training", "upgrading",
    "visiting", "attracting", "boosting", "creating", "deepening", "exploring", "financing", "modernizing",
    "reforming", "restoring", "meeting", "gathering", "hearing", "briefing", "uniting", "trading",
  ]],
  ["ed", [
    "discussed", "participated", "reported", "congratulated", "commended", "increased", "expressed", "initiated",
    "announced", "approved", "confirmed", "launched", "signed", "agreed", "welcomed", "praised", "criticized",
    "reviewed", "proposed", "examined", "outlined", "highlighted", "underlined", "addressed", "visited", "supported",
    "opened", "completed", "established", "adopted", "presented", "considered", "secured", "debated", "endorsed",
    "pledged", "doubled", "tripled", "declined", "expanded", "finalized", "negotiated", "organized",
  ]],
  ["s", [
    "countries", "relations", "states", "prospects", "assessments", "numbers", "delegations", "organizations",
    "projects", "talks", "areas", "spheres", "sources", "peoples", "outcomes", "activities", "leaders", "officials",
    "ministers", "partners", "investors", "companies", "farmers", "workers", "students", "citizens", "residents",
    "experts", "analysts", "observers", "diplomats", "negotiators", "regions", "cities", "markets", "sectors",
    "industries", "prices", "revenues", "profits", "reserves", "loans", "funds", "grants", "programmes",
    "initiatives", "reforms", "policies", "measures", "sanctions", "agreements", "contracts", "treaties",
    "meetings", "summits", "visits", "events", "exhibitions", "festivals", "forums", "negotiations", "votes",
    "results", "figures", "statistics", "reports", "studies", "surveys", "plans", "goals", "targets", "priorities",
    "challenges", "risks", "threats", "concerns", "issues", "problems", "solutions", "opportunities", "benefits",
    "achievements", "efforts", "steps", "commitments", "obligations", "rules", "laws", "standards", "routes",
    "corridors", "roads", "plants", "factories", "networks", "platforms", "products", "goods", "vehicles", "ships",
  ]],
];

/**
 * Syllables for the long tail of names. Real archives name thousands of people and
 * places, most of them rarely; the curated lists above are the frequent head, and
 * names built from these syllables are the rare tail.
 */
export const NAME_SYLLABLES: readonly string[] = [
  "ka", "lo", "mi", "ra", "ven", "tor", "sa", "li", "na", "bor", "den", "gri", "ha", "jo", "ku", "mar", "nel",
  "os", "pa", "rin", "sto", "ta", "ul", "va", "wen", "yor", "zu", "bel", "cas", "dra", "el", "fin", "gal", "hor",
  "is", "jan", "kel", "lum", "mor", "nor", "ol", "per", "ros", "sil", "tam", "ur", "vik", "wol", "an", "be",
];
export const SURNAME_ENDINGS: readonly string[] = ["ov", "ez", "son", "sen", "ski", "escu", "ani", "ura", "oglu", "enko", "ides", "i", "a", "er", "berg", "ic", "ova", "ado"];
export const PLACE_ENDINGS: readonly string[] = ["ia", "burg", "stad", "ville", "grad", "abad", "pur", "ton", "mouth", "ona", "ara", "esh", "ovo", "field", "port", "an"];
