// The four sector cards and the merged timeline.

import { el } from './dom.js';
import {
  SECTORS,
  activityKindName,
  activityStateName,
  activityTypeName,
  contactRoleName,
  eventKindName,
  formatDate,
  formatDateTime,
  meetingKindName,
  meetingModeName,
  providerName,
  sectorName,
  sharingName,
} from './labels.js';

export function consentOf(caseData, sector) {
  return (caseData.consent ?? []).find((c) => c.sector === sector) ?? { sector };
}

function isOpen(activity) {
  return activity.state === 'ACTIVITY_STATE_ACTIVE' || activity.state === 'ACTIVITY_STATE_SUSPENDED';
}

function activityItem(activity) {
  const type = activityTypeName(activity.type);
  const title = type ? `${activityKindName(activity.kind)}: ${type}` : activityKindName(activity.kind);
  const details = [];
  if (activity.start) details.push(`fra ${formatDate(activity.start)}`);
  if (activity.end) details.push(`til ${formatDate(activity.end)}`);
  else if (activity.planned_end) details.push(`planlagt til ${formatDate(activity.planned_end)}`);
  const provider = providerName(activity.provider_kind);
  if (provider) details.push(`ved ${provider}`);
  if (activity.state === 'ACTIVITY_STATE_SUSPENDED') details.push(activityStateName(activity.state).toLowerCase());
  return el('li', {}, el('span', { class: 'item-title' }, title), details.length ? ` – ${details.join(', ')}` : '');
}

function nextMeeting(view, now) {
  return (view.meetings ?? [])
    .filter((m) => m.state === 'MEETING_STATE_SCHEDULED' && m.at && new Date(m.at) >= now)
    .sort((a, b) => new Date(a.at) - new Date(b.at))[0];
}

function row(term, ...value) {
  return [el('dt', {}, term), el('dd', {}, ...value)];
}

function sharedCardBody(view, consent, now) {
  const activities = view.activities ?? [];
  const open = activities.filter(isOpen);
  const ended = activities.filter((a) => !isOpen(a));
  const meeting = nextMeeting(view, now);
  const contact = view.contact;

  let status = sharingName(consent.state);
  if (consent.state === 'SHARING_STATE_SHARED' && consent.valid_until) {
    status += ` (til ${formatDate(consent.valid_until)})`;
  }
  const meetingText = meeting
    ? [meetingKindName(meeting.kind), formatDateTime(meeting.at), meetingModeName(meeting.mode)]
        .filter(Boolean)
        .join(', ')
    : 'Intet planlagt';
  const contactText = contact
    ? [contactRoleName(contact.role), contact.unit_name, contact.functional_contact]
        .filter(Boolean)
        .join(', ')
    : 'Ikke oplyst';

  return [
    el(
      'dl',
      { class: 'card-facts' },
      row('Status', status),
      row('Kontakt', contactText),
      row('Næste møde', meetingText),
      row('Senest opdateret', formatDateTime(view.last_event_at) || 'Ukendt'),
    ),
    el('h5', {}, `Aktive forløb (${open.length})`),
    open.length
      ? el('ul', { class: 'activities' }, open.map(activityItem))
      : el('p', { class: 'hint' }, 'Ingen aktive forløb.'),
    ended.length
      ? el(
          'details',
          {},
          el('summary', {}, `Afsluttede forløb (${ended.length})`),
          el('ul', { class: 'activities' }, ended.map(activityItem)),
        )
      : '',
  ];
}

// A sector without consent shows "Ikke delt" and nothing else: no counts, no dates, nothing that
// hints at how much exists.
export function renderSectorCards(container, caseData, now = new Date()) {
  const cards = SECTORS.map((sector) => {
    const consent = consentOf(caseData, sector);
    const view = (caseData.sectors ?? []).find((v) => v.sector === sector);
    const shared =
      consent.state === 'SHARING_STATE_SHARED' ||
      consent.state === 'SHARING_STATE_NO_CONSENT_NEEDED' ||
      (consent.state === undefined && view !== undefined);
    const headingId = `card-${sector}`;
    let body;
    if (!shared) body = [el('p', { class: 'not-shared' }, 'Ikke delt')];
    else if (!view) body = [el('p', { class: 'hint' }, 'Ingen oplysninger fra sektoren endnu.')];
    else body = sharedCardBody(view, consent, now);
    return el(
      'section',
      {
        class: shared ? 'card' : 'card card-not-shared',
        'aria-labelledby': headingId,
        dataset: { sector, shared: shared ? 'true' : 'false' },
      },
      el('h4', { id: headingId }, sectorName(sector)),
      ...body,
    );
  });
  container.replaceChildren(...cards);
}

function subjectText(subject) {
  if (!subject) return '';
  const slash = subject.indexOf('/');
  if (slash < 0) return subject;
  const kind = subject.slice(0, slash);
  const id = subject.slice(slash + 1);
  const names = { meeting: 'Møde', appointment: 'Aftale' };
  return `${names[kind] ?? activityKindName(kind)} ${id}`;
}

// Newest first; `filter` is a sector name or '' for all. Answers how many entries matched.
export function renderTimeline(list, caseData, filter, limit) {
  const entries = (caseData.timeline ?? [])
    .filter((e) => !filter || e.sector === filter)
    .slice()
    .reverse();
  const shown = entries.slice(0, limit).map((e) =>
    el(
      'li',
      { class: 'timeline-entry', dataset: { sector: e.sector ?? '' } },
      el('time', { datetime: e.occurred_at ?? '' }, formatDateTime(e.occurred_at)),
      el('span', { class: 'badge' }, sectorName(e.sector)),
      el('span', { class: 'item-title' }, eventKindName(e.kind)),
      e.subject ? el('span', { class: 'hint' }, subjectText(e.subject)) : '',
    ),
  );
  list.replaceChildren(...shown);
  return entries.length;
}
