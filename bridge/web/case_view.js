// The case header, the consent table and the plan goals.

import { el, fillSelect } from './dom.js';
import {
  GOAL_AREAS,
  GOAL_OUTCOMES,
  SECTORS,
  dateInputValue,
  formatDate,
  formatDateTime,
  goalAreaName,
  goalOutcomeName,
  hoiClosedName,
  readinessName,
  sectorName,
  sharingName,
  targetGroupName,
} from './labels.js';
import { consentOf } from './sectors.js';

function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

export function renderFacts(dl, caseData) {
  const coordinator = caseData.coordinator;
  const coordinatorText = coordinator?.coordinator_id
    ? [coordinator.coordinator_id, coordinator.unit_name].filter(Boolean).join(', ')
    : 'Ingen tovholder';
  let hoi = caseData.hoi_started_at ? `Startet ${formatDate(caseData.hoi_started_at)}` : 'Ikke startet';
  if (caseData.hoi_closed_reason) hoi = `Afsluttet: ${hoiClosedName(caseData.hoi_closed_reason)}`;
  dl.replaceChildren(
    ...fact('Målgruppe', targetGroupName(caseData.target_group)),
    ...fact('Parathed', readinessName(caseData.readiness)),
    ...fact('Tovholder', coordinatorText),
    ...fact('Helhedsorienteret indsats', hoi),
    ...fact('Senest opdateret', formatDateTime(caseData.last_event_at) || 'Ukendt'),
  );
}

export function renderConsent(tbody, sectorSelect, caseData) {
  tbody.replaceChildren(
    ...SECTORS.map((sector) => {
      const consent = consentOf(caseData, sector);
      const until =
        consent.state === 'SHARING_STATE_SHARED' && consent.valid_until
          ? formatDate(consent.valid_until)
          : '–';
      return el(
        'tr',
        { dataset: { sector } },
        el('th', { scope: 'row' }, sectorName(sector)),
        el('td', {}, sharingName(consent.state)),
        el('td', {}, until),
      );
    }),
  );
  // Sectors the municipality shares without consent cannot be granted or withdrawn.
  const choosable = SECTORS.filter(
    (s) => consentOf(caseData, s).state !== 'SHARING_STATE_NO_CONSENT_NEEDED',
  );
  fillSelect(
    sectorSelect,
    choosable.map((s) => [s, sectorName(s)]),
  );
}

export function goalAreaOptions() {
  return [['', 'Vælg livsområde'], ...Object.entries(GOAL_AREAS)];
}

function editForm(goal) {
  const id = goal.goal_id;
  const areaSelect = el('select', { id: `edit-area-${id}`, name: 'area' });
  fillSelect(areaSelect, goalAreaOptions());
  areaSelect.value = goal.area ?? '';
  return el(
    'form',
    { class: 'stacked goal-edit', dataset: { goal: id }, hidden: true, novalidate: true },
    el('label', { for: `edit-area-${id}` }, 'Livsområde'),
    areaSelect,
    el('label', { for: `edit-title-${id}` }, 'Mål'),
    el('input', {
      id: `edit-title-${id}`,
      name: 'title',
      type: 'text',
      maxlength: 200,
      autocomplete: 'off',
      value: goal.title ?? '',
    }),
    el('label', { for: `edit-date-${id}` }, 'Måldato'),
    el('input', {
      id: `edit-date-${id}`,
      name: 'target_date',
      type: 'date',
      value: dateInputValue(goal.target_date),
    }),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', id: `save-${id}` }, 'Gem ændringer'),
      el(
        'button',
        { type: 'button', id: `cancel-${id}`, class: 'secondary', dataset: { action: 'cancel-edit' } },
        'Annuller',
      ),
    ),
  );
}

// Every goal has the same buttons; a screen reader hears which goal each one is for.
function hiddenGoalName(goal) {
  return el('span', { class: 'visually-hidden' }, ` for målet „${goal.title || goal.goal_id}“`);
}

function closeForm(goal) {
  const id = goal.goal_id;
  const select = el('select', { id: `outcome-${id}`, name: 'outcome' });
  fillSelect(select, Object.entries(GOAL_OUTCOMES));
  return el(
    'form',
    { class: 'goal-close', dataset: { goal: id }, novalidate: true },
    el('label', { for: `outcome-${id}` }, 'Resultat', hiddenGoalName(goal)),
    select,
    el('button', { type: 'submit', id: `close-${id}`, class: 'secondary' }, 'Luk mål', hiddenGoalName(goal)),
  );
}

export function renderGoals(list, emptyNote, caseData) {
  const goals = caseData.goals ?? [];
  emptyNote.hidden = goals.length > 0;
  list.replaceChildren(
    ...goals.map((goal) => {
      const closed = Boolean(goal.outcome);
      const details = [goalAreaName(goal.area)];
      if (goal.target_date) details.push(`måldato ${formatDate(goal.target_date)}`);
      details.push(closed ? `lukket: ${goalOutcomeName(goal.outcome)}` : 'åbent');
      return el(
        'li',
        {
          id: `goal-${goal.goal_id}`,
          class: closed ? 'goal goal-closed' : 'goal',
          dataset: { goal: goal.goal_id },
          tabindex: -1,
        },
        el('p', { class: 'item-title' }, goal.title || 'Mål uden tekst'),
        el('p', { class: 'hint' }, details.join(' · ')),
        closed
          ? ''
          : el(
              'div',
              { class: 'goal-actions' },
              el(
                'button',
                {
                  type: 'button',
                  id: `edit-${goal.goal_id}`,
                  class: 'secondary',
                  dataset: { action: 'edit', goal: goal.goal_id },
                  'aria-expanded': 'false',
                },
                'Ret mål',
                hiddenGoalName(goal),
              ),
              closeForm(goal),
            ),
        closed ? '' : editForm(goal),
      );
    }),
  );
}
