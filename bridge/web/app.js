// The coordinator's page: sign-in, lookup by CPR, the case with live updates, and "Mine sager".
// State lives in memory (the token in sessionStorage); nothing about the citizen goes in the URL.

import {
  ApiError,
  casePath,
  fetchCase,
  forgetToken,
  request,
  storeToken,
  storedToken,
  watchCase,
} from './api.js';
import { renderConsent, renderFacts, renderGoals, goalAreaOptions } from './case_view.js';
import { byId, el, fillSelect, showFieldError } from './dom.js';
import {
  CONSENT_FORMS,
  SECTORS,
  formatDateTime,
  scopeOfSector,
  sectorName,
  targetGroupName,
} from './labels.js';
import { consentOf, renderSectorCards, renderTimeline } from './sectors.js';

const TIMELINE_PAGE = 30;

const state = {
  citizen: '',
  etag: '',
  caseData: null,
  stopWatch: null,
  refreshing: null,
  refreshAgain: false,
  timelineLimit: TIMELINE_PAGE,
  rendered: {},
};

// ---- messages ----

function announce(text) {
  byId('status').textContent = text;
}

function showError(text) {
  const box = byId('error');
  box.textContent = text;
  box.hidden = !text;
}

function clock() {
  return new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' });
}

function handleError(error) {
  if (error instanceof ApiError && error.status === 401) {
    signOut(error.message);
    return;
  }
  showError(error instanceof ApiError ? error.message : 'Der skete en uventet fejl. Prøv igen.');
}

// ---- sign-in ----

function userOfToken(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(payload));
    return typeof claims.sub === 'string' ? claims.sub : '';
  } catch {
    return '';
  }
}

function showSignIn() {
  byId('signin').hidden = false;
  byId('search').hidden = true;
  byId('case').hidden = true;
  byId('mine').hidden = true;
  byId('session').hidden = true;
}

async function showSignedIn() {
  byId('signin').hidden = true;
  byId('search').hidden = false;
  byId('mine').hidden = false;
  byId('session').hidden = false;
  const user = userOfToken(storedToken());
  byId('session-user').textContent = user ? `Logget ind som ${user}` : 'Logget ind';
  await loadMine();
}

function signOut(message = '') {
  stopCase();
  forgetToken();
  showSignIn();
  showError(message);
  announce(message ? '' : 'Du er logget ud.');
  byId('token').focus();
}

async function onSignIn(event) {
  event.preventDefault();
  const input = byId('token');
  const token = input.value.trim();
  const error = byId('token-error');
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) {
    showFieldError(input, error, 'Adgangsnøglen skal være en token i tre dele adskilt af punktum.');
    input.focus();
    return;
  }
  showFieldError(input, error, '');
  storeToken(token);
  try {
    await request('GET', '/api/v1/cases?mine=true');
  } catch (e) {
    forgetToken();
    const text = e instanceof ApiError ? e.message : 'Adgangsnøglen kunne ikke bruges.';
    showFieldError(input, error, text);
    input.focus();
    return;
  }
  input.value = '';
  showError('');
  await showSignedIn();
  announce('Du er logget ind.');
  byId('cpr').focus();
}

// ---- "Mine sager" ----

async function loadMine() {
  const note = byId('mine-state');
  const list = byId('mine-list');
  note.textContent = 'Henter dine sager …';
  note.hidden = false;
  let answer;
  try {
    answer = await request('GET', '/api/v1/cases?mine=true');
  } catch (e) {
    note.textContent = 'Listen kunne ikke hentes.';
    handleError(e);
    return;
  }
  const cases = answer.cases ?? [];
  note.textContent = cases.length ? `${cases.length} sager` : 'Du er ikke tovholder på nogen sager.';
  list.replaceChildren(
    ...cases.map((c) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'case-link', dataset: { citizen: c.citizen } },
          el('span', { class: 'item-title' }, c.summary || 'Sag uden resumé'),
          el(
            'span',
            { class: 'hint' },
            [targetGroupName(c.target_group), formatDateTime(c.last_event_at)]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      ),
    ),
  );
}

// ---- lookup and the case ----

function validCpr(text) {
  const m = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/.exec(text);
  if (!m) return false;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

async function onLookup(event) {
  event.preventDefault();
  const input = byId('cpr');
  const error = byId('cpr-error');
  const cpr = input.value.trim();
  if (!validCpr(cpr)) {
    showFieldError(input, error, 'Skriv et CPR-nummer med 10 cifre: DDMMÅÅ-XXXX.');
    input.focus();
    return;
  }
  showFieldError(input, error, '');
  // The number leaves the field before anything else happens, so it is not left on screen.
  input.value = '';
  showError('');
  announce('Slår op …');
  try {
    const answer = await request('POST', '/api/v1/lookup', { cpr });
    await openCase(answer.citizen);
  } catch (e) {
    announce('');
    handleError(e);
    if (!(e instanceof ApiError && e.status === 401)) input.focus();
  }
}

function stopCase() {
  if (state.stopWatch) state.stopWatch();
  state.stopWatch = null;
  state.citizen = '';
  state.etag = '';
  state.caseData = null;
  state.rendered = {};
  byId('case').hidden = true;
}

async function openCase(citizen) {
  stopCase();
  const { caseData, etag } = await fetchCase(citizen);
  state.citizen = citizen;
  state.etag = etag;
  state.timelineLimit = TIMELINE_PAGE;
  render(caseData);
  byId('case').hidden = false;
  byId('case-heading').focus();
  announce('Sagen er åbnet.');
  state.stopWatch = watchCase(citizen, {
    onChange: (etag) => refresh(etag),
    onError: handleError,
    onMode: (mode) => {
      byId('case-live').textContent =
        mode === 'stream' ? 'Opdateres automatisk' : 'Opdateres hvert andet sekund';
    },
  });
}

// One refresh at a time; a change that arrives meanwhile triggers one more afterwards.
async function refresh(etag) {
  if (!state.citizen || (etag && etag === state.etag)) return;
  if (state.refreshing) {
    state.refreshAgain = true;
    return;
  }
  const citizen = state.citizen;
  state.refreshing = (async () => {
    try {
      const answer = await fetchCase(citizen, state.etag);
      if (citizen !== state.citizen || answer.notModified) return;
      state.etag = answer.etag;
      render(answer.caseData);
      announce(`Sagen er opdateret kl. ${clock()}.`);
    } catch (e) {
      handleError(e);
    }
  })();
  await state.refreshing;
  state.refreshing = null;
  if (state.refreshAgain) {
    state.refreshAgain = false;
    await refresh('');
  }
}

// Re-renders only the parts whose data changed, so focus and open forms survive updates.
function changed(part, value) {
  const text = JSON.stringify(value ?? null);
  if (state.rendered[part] === text) return false;
  state.rendered[part] = text;
  return true;
}

function render(caseData) {
  state.caseData = caseData;
  byId('case-ref').textContent = caseData.citizen ?? state.citizen;
  renderFacts(byId('case-facts'), caseData);
  if (changed('consent', caseData.consent)) {
    renderConsent(byId('consent-rows'), byId('consent-sector'), caseData);
  }
  if (changed('goals', caseData.goals)) renderGoalsKeepingEdit(caseData);
  if (changed('sectors', [caseData.sectors, caseData.consent])) {
    renderSectorCards(byId('sector-cards'), caseData);
  }
  if (changed('timeline', caseData.timeline)) renderTimelinePart();
}

function renderTimelinePart() {
  const filter = byId('timeline-filter').value;
  const total = renderTimeline(byId('timeline'), state.caseData, filter, state.timelineLimit);
  const shown = Math.min(total, state.timelineLimit);
  byId('timeline-count').textContent =
    total === 0 ? 'Ingen hændelser.' : `Viser ${shown} af ${total} hændelser, nyeste først.`;
  byId('timeline-more').hidden = shown >= total;
}

// ---- goals ----

// An update must not take the coordinator's place: an open edit form keeps what was typed, and
// focus returns to the same control, or to its goal when the control is gone (a closed goal).
function renderGoalsKeepingEdit(caseData) {
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

async function write(method, path, body, done) {
  showError('');
  try {
    await request(method, path, body);
    announce(`${done} Sagen opdateres, så snart ændringen er behandlet.`);
    return true;
  } catch (e) {
    handleError(e);
    return false;
  }
}

async function onAddGoal(event) {
  event.preventDefault();
  const form = event.target;
  const body = goalBody(form);
  const problem = goalProblem(body);
  if (problem) {
    showError(problem);
    (body.area ? form.elements.title : form.elements.area).focus();
    return;
  }
  if (await write('POST', `${casePath(state.citizen)}/plan/goals`, body, 'Målet er gemt.')) {
    form.reset();
  }
}

async function onGoalsSubmit(event) {
  event.preventDefault();
  const form = event.target;
  const goalId = form.dataset.goal;
  const path = `${casePath(state.citizen)}/plan/goals/${encodeURIComponent(goalId)}`;
  if (form.classList.contains('goal-edit')) {
    const body = goalBody(form);
    const problem = goalProblem(body);
    if (problem) {
      showError(problem);
      form.elements.title.focus();
      return;
    }
    if (await write('PATCH', path, body, 'Ændringen er gemt.')) toggleEdit(goalId, false);
  } else if (form.classList.contains('goal-close')) {
    await write('PATCH', path, { outcome: form.elements.outcome.value }, 'Målet er lukket.');
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
    showError('Vælg en sektor.');
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
    body.consent_id = consentOf(state.caseData, sector).consent_id || randomId('samtykke-');
  }
  if (form.elements.occurred_at.value) {
    const when = new Date(form.elements.occurred_at.value);
    if (Number.isNaN(when.getTime()) || when > new Date()) {
      showError('Tidspunktet for beslutningen kan ikke ligge i fremtiden.');
      form.elements.occurred_at.focus();
      return;
    }
    body.occurred_at = when.toISOString();
  }
  const what = granted ? 'Samtykket' : 'Tilbagetrækningen';
  if (await write('POST', `${casePath(state.citizen)}/consent`, body, `${what} for ${sectorName(sector).toLowerCase()} er registreret.`)) {
    form.elements.valid_until.value = '';
    form.elements.case_file_ref.value = '';
    form.elements.occurred_at.value = '';
  }
}

// ---- start ----

function init() {
  fillSelect(byId('goal-area'), goalAreaOptions());
  fillSelect(byId('consent-form-kind'), Object.entries(CONSENT_FORMS));
  fillSelect(byId('timeline-filter'), [
    ['', 'Alle sektorer'],
    ...[...SECTORS, 'SECTOR_CONSENT', 'SECTOR_PLAN'].map((s) => [s, sectorName(s)]),
  ]);

  byId('signin-form').addEventListener('submit', onSignIn);
  byId('sign-out').addEventListener('click', () => signOut());
  byId('search-form').addEventListener('submit', onLookup);
  byId('mine-refresh').addEventListener('click', loadMine);
  byId('mine-list').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-citizen]');
    if (!button) return;
    showError('');
    openCase(button.dataset.citizen).catch(handleError);
  });
  byId('consent-form').addEventListener('submit', onConsent);
  byId('consent-grant').addEventListener('change', updateGrantFields);
  byId('consent-withdraw').addEventListener('change', updateGrantFields);
  byId('goal-form').addEventListener('submit', onAddGoal);
  byId('goals').addEventListener('submit', onGoalsSubmit);
  byId('goals').addEventListener('click', onGoalsClick);
  byId('timeline-filter').addEventListener('change', () => {
    state.timelineLimit = TIMELINE_PAGE;
    renderTimelinePart();
  });
  byId('timeline-more').addEventListener('click', () => {
    state.timelineLimit += TIMELINE_PAGE;
    renderTimelinePart();
  });

  updateGrantFields();
  if (storedToken()) showSignedIn();
  else showSignIn();
}

init();
