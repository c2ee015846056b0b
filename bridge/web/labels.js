// Danish names for the enum values and codes of the case JSON (schemas/samsag/v1/*.proto).
// A value missing here is shown as the raw code, so a new enum value never breaks the page.

export const SECTORS = [
  'SECTOR_EMPLOYMENT',
  'SECTOR_SOCIAL',
  'SECTOR_HEALTH',
  'SECTOR_REGION',
];

const SECTOR = {
  SECTOR_EMPLOYMENT: 'Beskæftigelse',
  SECTOR_SOCIAL: 'Social',
  SECTOR_HEALTH: 'Sundhed',
  SECTOR_REGION: 'Region/hospital',
  SECTOR_CONSENT: 'Samtykke',
  SECTOR_PLAN: 'Plan',
};

const SHARING_STATE = {
  SHARING_STATE_NO_CONSENT_NEEDED: 'Kræver ikke samtykke',
  SHARING_STATE_SHARED: 'Delt med samtykke',
  SHARING_STATE_NOT_SHARED: 'Ikke delt',
};

const TARGET_GROUP = {
  TARGET_GROUP_INSURED_UNEMPLOYED: 'Forsikrede ledige',
  TARGET_GROUP_SICK: 'Syge borgere',
  TARGET_GROUP_YOUNG: 'Unge',
  TARGET_GROUP_FLEX_JOB: 'Fleksjobbere',
  TARGET_GROUP_OTHER_UNEMPLOYED: 'Øvrige ledige',
  TARGET_GROUP_UNKNOWN: 'Ikke vurderet',
};

const READINESS = {
  READINESS_READY_FOR_JOB: 'Jobparat',
  READINESS_READY_FOR_EDUCATION: 'Uddannelsesparat',
  READINESS_NOT_YET_READY: 'Aktivitetsparat',
  READINESS_NOT_ASSESSED: 'Ikke vurderet',
};

export const GOAL_AREAS = {
  GOAL_AREA_JOB: 'Job',
  GOAL_AREA_EDUCATION: 'Uddannelse',
  GOAL_AREA_HEALTH: 'Helbred',
  GOAL_AREA_HOUSING: 'Bolig',
  GOAL_AREA_ECONOMY: 'Økonomi',
  GOAL_AREA_ADDICTION: 'Misbrug',
  GOAL_AREA_NETWORK: 'Netværk',
  GOAL_AREA_DAILY_LIFE: 'Hverdagsliv',
  GOAL_AREA_OTHER: 'Andet',
};

export const GOAL_OUTCOMES = {
  GOAL_OUTCOME_ACHIEVED: 'Opnået',
  GOAL_OUTCOME_PARTLY: 'Delvist opnået',
  GOAL_OUTCOME_NOT_ACHIEVED: 'Ikke opnået',
  GOAL_OUTCOME_DROPPED: 'Opgivet',
};

export const CONSENT_FORMS = {
  WRITTEN: 'Skriftligt',
  ORAL: 'Mundtligt',
  DIGITAL: 'Digitalt',
};

const ACTIVITY_STATE = {
  ACTIVITY_STATE_ACTIVE: 'Aktiv',
  ACTIVITY_STATE_SUSPENDED: 'Sat i bero',
  ACTIVITY_STATE_ENDED: 'Afsluttet',
};

const HOI_CLOSED_REASON = {
  HOI_CLOSED_REASON_GOAL_ACHIEVED: 'Målet er nået',
  HOI_CLOSED_REASON_JOB_OR_EDUCATION: 'I job eller uddannelse',
  HOI_CLOSED_REASON_MOVED: 'Fraflyttet',
  HOI_CLOSED_REASON_NO_LONGER_RELEVANT: 'Ikke længere relevant',
  HOI_CLOSED_REASON_CITIZEN_DECLINED: 'Borgeren har takket nej',
  HOI_CLOSED_REASON_OTHER: 'Andet',
};

const CONTACT_ROLE = {
  CONTACT_ROLE_CASEWORKER: 'Sagsbehandler',
  CONTACT_ROLE_JOB_ADVISER: 'Jobrådgiver',
  CONTACT_ROLE_SOCIAL_WORKER: 'Socialrådgiver',
  CONTACT_ROLE_NURSE: 'Sygeplejerske',
  CONTACT_ROLE_THERAPIST: 'Terapeut',
  CONTACT_ROLE_HOSPITAL_COORDINATOR: 'Koordinator på hospitalet',
  CONTACT_ROLE_OTHER: 'Kontaktperson',
};

const MEETING_KIND = {
  MEETING_KIND_EMPLOYMENT_CONVERSATION: 'Jobsamtale',
  MEETING_KIND_FOLLOW_UP: 'Opfølgningssamtale',
  MEETING_KIND_ROUNDTABLE: 'Rundbordssamtale',
  MEETING_KIND_REHABILITATION_TEAM: 'Rehabiliteringsteammøde',
  MEETING_KIND_COORDINATION: 'Koordinerende møde',
  MEETING_KIND_HEALTH_APPOINTMENT: 'Aftale i sundhedsvæsenet',
  MEETING_KIND_OTHER: 'Møde',
};

const MEETING_MODE = {
  MEETING_MODE_IN_PERSON: 'fremmøde',
  MEETING_MODE_PHONE: 'telefon',
  MEETING_MODE_VIDEO: 'video',
};

const PROVIDER_KIND = {
  PROVIDER_KIND_MUNICIPAL: 'kommunen',
  PROVIDER_KIND_A_KASSE: 'a-kasse',
  PROVIDER_KIND_PRIVATE_PROVIDER: 'anden aktør',
  PROVIDER_KIND_EDUCATION_INSTITUTION: 'uddannelsesinstitution',
  PROVIDER_KIND_EMPLOYER: 'arbejdsgiver',
};

// Activity.kind (bridge/reducer/sector_facts.cc).
const ACTIVITY_KIND = {
  benefit: 'Ydelse',
  effort: 'Indsats',
  job_or_education: 'Job eller uddannelse',
  sickness: 'Sygemelding',
  measure: 'Social foranstaltning',
  rehabilitation: 'Genoptræning',
  home_care: 'Hjemmepleje',
  health_course: 'Sundhedsforløb',
  admission: 'Indlæggelse',
  outpatient_course: 'Ambulant forløb',
  psychiatric_course: 'Psykiatrisk forløb',
  rehabilitation_plan: 'Genoptræningsplan',
};

// Activity.type: the typed code's enum name.
const ACTIVITY_TYPE = {
  BENEFIT_DAGPENGE: 'dagpenge',
  BENEFIT_KONTANTHJAELP: 'kontanthjælp',
  BENEFIT_UDDANNELSESHJAELP: 'uddannelseshjælp',
  BENEFIT_SELVFORSOERGELSESYDELSE: 'selvforsørgelsesydelse',
  BENEFIT_SYGEDAGPENGE: 'sygedagpenge',
  BENEFIT_LEDIGHEDSYDELSE: 'ledighedsydelse',
  BENEFIT_RESSOURCEFORLOEBSYDELSE: 'ressourceforløbsydelse',
  BENEFIT_REVALIDERINGSYDELSE: 'revalideringsydelse',
  BENEFIT_FLEKSLOENTILSKUD: 'fleksløntilskud',
  BENEFIT_FOERTIDSPENSION: 'førtidspension',
  BENEFIT_OTHER: 'anden ydelse',
  EFFORT_TYPE_WORK_PRACTICE: 'virksomhedspraktik',
  EFFORT_TYPE_WAGE_SUBSIDY: 'løntilskud',
  EFFORT_TYPE_GUIDANCE_UPSKILLING: 'vejledning og opkvalificering',
  EFFORT_TYPE_EDUCATION: 'uddannelse',
  EFFORT_TYPE_MENTOR: 'mentorstøtte',
  EFFORT_TYPE_IPS: 'IPS',
  EFFORT_TYPE_UTILITY_WORK: 'nytteindsats',
  EFFORT_TYPE_OTHER: 'anden indsats',
  ENGAGEMENT_KIND_ORDINARY_JOB: 'ordinært job',
  ENGAGEMENT_KIND_FLEX_JOB: 'fleksjob',
  ENGAGEMENT_KIND_EDUCATION: 'uddannelse',
  PARTIAL: 'delvis',
  FULL: 'fuld',
  LEGAL_BASIS_SEL_82B: 'SEL § 82 b, tidsbegrænset socialpædagogisk støtte',
  LEGAL_BASIS_SEL_85: 'SEL § 85, socialpædagogisk støtte',
  LEGAL_BASIS_SEL_99: 'SEL § 99, støtte- og kontaktperson',
  LEGAL_BASIS_SEL_101: 'SEL § 101, stofmisbrugsbehandling',
  LEGAL_BASIS_SUL_141: 'SUL § 141, alkoholbehandling',
  LEGAL_BASIS_SEL_103: 'SEL § 103, beskyttet beskæftigelse',
  LEGAL_BASIS_SEL_104: 'SEL § 104, aktivitets- og samværstilbud',
  LEGAL_BASIS_SEL_107: 'SEL § 107, midlertidigt botilbud',
  LEGAL_BASIS_SEL_108: 'SEL § 108, længerevarende botilbud',
  LEGAL_BASIS_SEL_110: 'SEL § 110, forsorgshjem',
  LEGAL_BASIS_OTHER: 'anden hjemmel',
  REHABILITATION_BASIS_SUL_140: 'SUL § 140, efter udskrivning',
  REHABILITATION_BASIS_SEL_86: 'SEL § 86',
  HOME_CARE_KIND_PERSONAL_CARE: 'personlig pleje',
  HOME_CARE_KIND_PRACTICAL_HELP: 'praktisk hjælp',
  HOME_CARE_KIND_HOME_NURSING: 'hjemmesygepleje',
  HEALTH_COURSE_KIND_PREVENTION: 'forebyggelse',
  HEALTH_COURSE_KIND_CHRONIC_CARE_REHAB: 'kronikerforløb',
  HEALTH_COURSE_KIND_OTHER: 'andet forløb',
  SOMATIC: 'somatisk',
  PSYCHIATRIC: 'psykiatrisk',
  PSYCHIATRIC_SETTING_OUTPATIENT: 'ambulant',
  PSYCHIATRIC_SETTING_INPATIENT: 'indlagt',
  PSYCHIATRIC_SETTING_MIXED: 'blandet',
  REHABILITATION_PLAN_LEVEL_GENERAL: 'almen',
  REHABILITATION_PLAN_LEVEL_SPECIALISED: 'specialiseret',
  REHABILITATION_PLAN_LEVEL_SPECIALISED_REHAB: 'rehabilitering på specialiseret niveau',
};

// TimelineEntry.kind: the event payload's field name (schemas/samsag/v1/event.proto).
const EVENT_KIND = {
  target_group_assigned: 'Målgruppe fastsat',
  readiness_assessed: 'Parathed vurderet',
  benefit_started: 'Ydelse startet',
  benefit_changed: 'Ydelse ændret',
  benefit_ended: 'Ydelse ophørt',
  effort_started: 'Indsats startet',
  effort_ended: 'Indsats afsluttet',
  job_or_education_started: 'Job eller uddannelse startet',
  job_or_education_ended: 'Job eller uddannelse ophørt',
  sickness_reported: 'Sygemelding',
  sickness_ended: 'Raskmelding',
  meeting_scheduled: 'Møde planlagt',
  meeting_held: 'Møde afholdt',
  meeting_cancelled: 'Møde aflyst',
  caseworker_assigned: 'Kontaktperson tildelt',
  appointment_scheduled: 'Aftale planlagt',
  appointment_cancelled: 'Aftale aflyst',
  measure_granted: 'Foranstaltning bevilget',
  measure_ended: 'Foranstaltning ophørt',
  rehabilitation_started: 'Genoptræning startet',
  rehabilitation_ended: 'Genoptræning afsluttet',
  home_care_started: 'Hjemmepleje startet',
  home_care_ended: 'Hjemmepleje ophørt',
  health_course_started: 'Sundhedsforløb startet',
  health_course_ended: 'Sundhedsforløb afsluttet',
  hospital_admitted: 'Indlagt',
  hospital_discharged: 'Udskrevet',
  outpatient_course_started: 'Ambulant forløb startet',
  outpatient_course_ended: 'Ambulant forløb afsluttet',
  psychiatric_course_started: 'Psykiatrisk forløb startet',
  psychiatric_course_ended: 'Psykiatrisk forløb afsluttet',
  rehabilitation_plan_issued: 'Genoptræningsplan udstedt',
  consent_granted: 'Samtykke givet',
  consent_withdrawn: 'Samtykke trukket tilbage',
  coordinator_assigned: 'Tovholder tildelt',
  hoi_closed: 'Helhedsorienteret indsats afsluttet',
  plan_goal_set: 'Mål oprettet',
  plan_goal_updated: 'Mål rettet',
  plan_goal_closed: 'Mål lukket',
};

function lookup(table, value, fallback = '') {
  if (!value) return fallback;
  return table[value] ?? value;
}

export const sectorName = (v) => lookup(SECTOR, v, 'Ukendt sektor');
export const sharingName = (v) => lookup(SHARING_STATE, v, 'Ikke delt');
export const targetGroupName = (v) => lookup(TARGET_GROUP, v, 'Ikke oplyst');
export const readinessName = (v) => lookup(READINESS, v, 'Ikke oplyst');
export const goalAreaName = (v) => lookup(GOAL_AREAS, v, 'Ikke angivet');
export const goalOutcomeName = (v) => lookup(GOAL_OUTCOMES, v);
export const consentFormName = (v) => lookup(CONSENT_FORMS, (v ?? '').replace(/^CONSENT_FORM_/, ''));
export const activityStateName = (v) => lookup(ACTIVITY_STATE, v, 'Ukendt');
export const hoiClosedName = (v) => lookup(HOI_CLOSED_REASON, v);
export const contactRoleName = (v) => lookup(CONTACT_ROLE, v, 'Kontaktperson');
export const meetingKindName = (v) => lookup(MEETING_KIND, v, 'Møde');
export const meetingModeName = (v) => lookup(MEETING_MODE, v);
export const providerName = (v) => lookup(PROVIDER_KIND, v);
export const activityKindName = (v) => lookup(ACTIVITY_KIND, v, 'Forløb');
export const activityTypeName = (v) => lookup(ACTIVITY_TYPE, v);
export const eventKindName = (v) => lookup(EVENT_KIND, v, 'Hændelse');

// The API's consent scopes are the sector names without the SECTOR_ prefix (API.md).
export const scopeOfSector = (sector) => sector.replace(/^SECTOR_/, '');

const DATE = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'medium',
  timeZone: 'Europe/Copenhagen',
});
const DATE_TIME = new Intl.DateTimeFormat('da-DK', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Copenhagen',
});

function parseTime(text) {
  if (!text) return null;
  const t = new Date(text);
  return Number.isNaN(t.getTime()) ? null : t;
}

export function formatDate(text) {
  const t = parseTime(text);
  return t ? DATE.format(t) : '';
}

export function formatDateTime(text) {
  const t = parseTime(text);
  return t ? DATE_TIME.format(t) : '';
}

// "2027-03-01" for a date input, from an RFC 3339 timestamp, in Copenhagen time.
export function dateInputValue(text) {
  const t = parseTime(text);
  if (!t) return '';
  return t.toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
}
