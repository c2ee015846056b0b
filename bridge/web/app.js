// The coordinator's page: sign-in, lookup by CPR, the case with live updates, and "Mine sager".
// State lives in memory (the token in sessionStorage); nothing about the citizen goes in the URL.

import {
  ApiError,
  fetchCase,
  forgetToken,
  request,
  storeToken,
  storedToken,
  watchCase,
} from './api.js';
import { renderGoalsKeepingEdit, wireCaseForms } from './case_forms.js';
import { goalAreaOptions, renderConsent, renderFacts } from './case_view.js';
import { byId, el, fillSelect, showFieldError } from './dom.js';
import { CONSENT_FORMS, SECTORS, formatDateTime, sectorName, targetGroupName } from './labels.js';
import { renderSectorCards, renderTimeline } from './sectors.js';

const TIMELINE_PAGE = 30;
const PAGE_TITLE = document.title;

const state = {
  citizen: '',
  etag: '',
  caseData: null,
  stopWatch: null,
  streaming: false,
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
  // Most recently changed first: that is where something needs a look.
  const cases = (answer.cases ?? [])
    .slice()
    .sort((a, b) => (b.last_event_at ?? '').localeCompare(a.last_event_at ?? ''));
  note.textContent = cases.length ? `${cases.length} sager` : 'Du er ikke tovholder på nogen sager.';
  // With several bridge instances the list holds this instance's partitions only (API.md).
  if (answer.partitions_elsewhere) {
    note.textContent += '. Listen kan være ufuldstændig lige nu; find andre sager med CPR-nummeret.';
  }
  list.replaceChildren(
    ...cases.map((c) =>
      el(
        'li',
        {},
        el(
          'button',
          { type: 'button', class: 'case-link', dataset: { citizen: c.citizen } },
          // The API's one-line summary is English; the list shows its own Danish line instead.
          el('span', { class: 'item-title' }, targetGroupName(c.target_group)),
          el(
            'span',
            { class: 'hint' },
            `Senest ${formatDateTime(c.last_event_at) || 'ukendt'} · ref. ${shortRef(c.citizen)}`,
          ),
        ),
      ),
    ),
  );
}

// Enough of the pseudonym to tell cases apart; the whole one is in the case header.
function shortRef(citizen = '') {
  return citizen.length > 12 ? `${citizen.slice(0, 12)}…` : citizen;
}

function foldMine(folded) {
  byId('mine').classList.toggle('mine-collapsed', folded);
  const toggle = byId('mine-toggle');
  toggle.setAttribute('aria-expanded', String(!folded));
  toggle.textContent = folded ? 'Vis listen' : 'Skjul listen';
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
  state.streaming = false;
  state.rendered = {};
  byId('case').hidden = true;
  document.title = PAGE_TITLE;
}

async function openCase(citizen) {
  stopCase();
  const { caseData, etag } = await fetchCase(citizen);
  state.citizen = citizen;
  state.etag = etag;
  state.timelineLimit = TIMELINE_PAGE;
  render(caseData);
  byId('case').hidden = false;
  document.title = `Borgerens sag – ${PAGE_TITLE}`;
  byId('case-heading').focus();
  announce('Sagen er åbnet.');
  state.stopWatch = watchCase(citizen, {
    onChange: (etag) => refresh(etag),
    onError: handleError,
    onMode: (mode) => {
      state.streaming = mode === 'stream';
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

// ---- writes ----

// Without the change stream (still connecting, or fallen back to polling) a write is followed by
// a few quick conditional GETs, so the coordinator sees the result within a second or two.
function followWrite(citizen, left = 6) {
  if (left === 0 || citizen !== state.citizen || state.streaming) return;
  setTimeout(() => {
    refresh('').then(() => followWrite(citizen, left - 1));
  }, 400);
}

// `notFound` replaces the 404 text where 404 means something narrower than "no case" (a goal).
async function write(method, path, body, done, notFound = '') {
  showError('');
  try {
    await request(method, path, body);
    announce(`${done} Sagen opdateres, så snart ændringen er behandlet.`);
    if (!state.streaming) followWrite(state.citizen);
    return true;
  } catch (e) {
    if (notFound && e instanceof ApiError && e.status === 404) showError(notFound);
    else handleError(e);
    return false;
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
  byId('mine-toggle').addEventListener('click', () => {
    foldMine(!byId('mine').classList.contains('mine-collapsed'));
  });
  // Folded on narrow screens (one column), where it would push the lookup and the case down.
  const oneColumn = window.matchMedia('(max-width: 59.99rem)');
  foldMine(oneColumn.matches);
  oneColumn.addEventListener('change', () => foldMine(oneColumn.matches));
  byId('mine-list').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-citizen]');
    if (!button) return;
    showError('');
    openCase(button.dataset.citizen).catch(handleError);
  });
  wireCaseForms({
    citizen: () => state.citizen,
    caseData: () => state.caseData,
    write,
    showError,
  });
  byId('timeline-filter').addEventListener('change', () => {
    state.timelineLimit = TIMELINE_PAGE;
    renderTimelinePart();
  });
  byId('timeline-more').addEventListener('click', () => {
    state.timelineLimit += TIMELINE_PAGE;
    renderTimelinePart();
  });

  if (storedToken()) showSignedIn();
  else showSignIn();
}

init();
