// The forms of the case: plan goals (add, edit, close) and consent decisions. Each write is an
// event on Kafka; the case shows it once the bridge has consumed it (API.md), so the forms only
// announce that the change was accepted.

import { casePath } from './api.js';
import { renderGoals } from './case_view.js';
import { byId } from './dom.js';
import { scopeOfSector, sectorName } from './labels.js';
import { consentOf } from './sectors.js';

const GOAL_GONE = 'Målet findes ikke i sagen. Er det lige oprettet, så vent et øjeblik og prøv igen.';

// Set by wireCaseForms: { citizen(), caseData(), write(method, path, body, doneText), showError }.
let session = null;

// ---- goals ----

// An update must not take the coordinator's place: an open edit form keeps what was typed, and
// focus returns to the same control, or to its goal when the control is gone (a closed goal).
export function renderGoalsKeepingEdit(caseData) {
  const open = document.querySelector('form.goal-edit:not([hidden])');
  const values = open ? Object.fromEntries(new FormData(open)) : null;
  const active = byId('goals').contains(document.activeElement) ? document.activeElement : null;
  const focusId = active?.id ?? '';
  const focusGoal = active?.closest('li.goal')?.id ?? '';

  renderGoals(byId('goals'), byId('goals-empty'), caseData);

  const form = open && document.querySelector(`form.goal-edit[data-goal="${CSS.escape(open.dataset.goal)}"]`);
  if (form) {
    toggleEdit(open.dataset.goal, true, false);
    for (const [name, value] of Object.entries(values)) form.elements[name].value = value;
  }
  if (active) (byId(focusId) ?? byId(focusGoal))?.focus();
}

function toggleEdit(goalId, open, moveFocus = true) {
  const item = byId(`goal-${goalId}`);
  if (!item) return;
  const form = item.querySelector('form.goal-edit');
  const button = item.querySelector('button[data-action="edit"]');
  form.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (!moveFocus) return;
  if (open) form.elements.title.focus();
  else button.focus();
}

function goalBody(form) {
  const body = { area: form.elements.area.value, title: form.elements.title.value.trim() };
  if (form.elements.target_date.value) body.target_date = form.elements.target_date.value;
  return body;
}

function goalProblem(body) {
  if (!body.area) return 'Vælg et livsområde.';
  if (!body.title) return 'Skriv målet.';
  if (body.title.length > 200) return 'Målet må højst have 200 tegn.';
  return '';
}

async function onAddGoal(event) {
  event.preventDefault();
  const form = event.target;
  const body = goalBody(form);
  const problem = goalProblem(body);
  if (problem) {
    session.showError(problem);
    (body.area ? form.elements.title : form.elements.area).focus();
    return;
  }
  if (await session.write('POST', `${casePath(session.citizen())}/plan/goals`, body, 'Målet er gemt.')) {
    form.reset();
  }
}

async function onGoalsSubmit(event) {
  event.preventDefault();
  const form = event.target;
  const goalId = form.dataset.goal;
  const path = `${casePath(session.citizen())}/plan/goals/${encodeURIComponent(goalId)}`;
  if (form.classList.contains('goal-edit')) {
    const body = goalBody(form);
    const problem = goalProblem(body);
    if (problem) {
      session.showError(problem);
      form.elements.title.focus();
      return;
    }
    if (await session.write('PATCH', path, body, 'Ændringen er gemt.', GOAL_GONE)) {
      toggleEdit(goalId, false);
    }
  } else if (form.classList.contains('goal-close')) {
    const outcome = { outcome: form.elements.outcome.value };
    await session.write('PATCH', path, outcome, 'Målet er lukket.', GOAL_GONE);
  }
}

function onGoalsClick(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  if (button.dataset.action === 'edit') {
    toggleEdit(button.dataset.goal, button.getAttribute('aria-expanded') !== 'true');
  } else if (button.dataset.action === 'cancel-edit') {
    toggleEdit(button.closest('form').dataset.goal, false);
  }
}

// ---- consent ----

function randomId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function updateGrantFields() {
  byId('grant-fields').hidden = byId('consent-withdraw').checked;
}

async function onConsent(event) {
  event.preventDefault();
  const form = event.target;
  const sector = form.elements.sector.value;
  if (!sector) {
    session.showError('Vælg en sektor.');
    form.elements.sector.focus();
    return;
  }
  const granted = !byId('consent-withdraw').checked;
  const body = { granted, scopes: [scopeOfSector(sector)] };
  if (granted) {
    body.consent_id = randomId('samtykke-');
    body.form = form.elements.form.value;
    if (form.elements.valid_until.value) body.valid_until = form.elements.valid_until.value;
    const ref = form.elements.case_file_ref.value.trim();
    if (ref) body.case_file_ref = ref;
  } else {
    // A withdrawal names the consent in force for the sector.
    body.consent_id = consentOf(session.caseData(), sector).consent_id || randomId('samtykke-');
  }
  if (form.elements.occurred_at.value) {
    const when = new Date(form.elements.occurred_at.value);
    if (Number.isNaN(when.getTime()) || when > new Date()) {
      session.showError('Tidspunktet for beslutningen kan ikke ligge i fremtiden.');
      form.elements.occurred_at.focus();
      return;
    }
    body.occurred_at = when.toISOString();
  }
  const what = granted ? 'Samtykket' : 'Tilbagetrækningen';
  if (await session.write('POST', `${casePath(session.citizen())}/consent`, body, `${what} for ${sectorName(sector).toLowerCase()} er registreret.`)) {
    form.elements.valid_until.value = '';
    form.elements.case_file_ref.value = '';
    form.elements.occurred_at.value = '';
  }
}

export function wireCaseForms(caseSession) {
  session = caseSession;
  byId('consent-form').addEventListener('submit', onConsent);
  byId('consent-grant').addEventListener('change', updateGrantFields);
  byId('consent-withdraw').addEventListener('change', updateGrantFields);
  byId('goal-form').addEventListener('submit', onAddGoal);
  byId('goals').addEventListener('submit', onGoalsSubmit);
  byId('goals').addEventListener('click', onGoalsClick);
  updateGrantFields();
}
