// The coordinator API (bridge/api/API.md) as seen from the page: bearer token, JSON, Danish
// error texts, and the case's change stream.

const TOKEN_KEY = 'samsag.token';

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function storeToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, message, field = '') {
    super(message);
    this.status = status;
    this.field = field;
  }
}

const STATUS_TEXT = {
  401: 'Din adgang er udløbet eller ugyldig. Log ind igen med en ny adgangsnøgle.',
  403: 'Du har ikke adgang til denne sag. Kun sagens tovholder og en leder kan se den.',
  404: 'Der findes ingen sag for denne borger.',
  413: 'Det indtastede er for langt.',
  503: 'Adgangen kunne ikke logges lige nu, så der vises ingen data. Prøv igen om lidt.',
};

// Field names the API reports in 400 answers, in Danish.
const FIELD_TEXT = {
  cpr: 'CPR-nummer',
  title: 'målets tekst',
  area: 'livsområde',
  target_date: 'måldato',
  outcome: 'resultat',
  scopes: 'sektor',
  consent_id: 'samtykkets id',
  valid_until: 'gyldig til',
  occurred_at: 'tidspunkt for beslutningen',
  case_file_ref: 'journalnummer',
  form: 'samtykkets form',
};

async function errorOf(response) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: the status alone says enough
  }
  if (response.status === 400) {
    const field = FIELD_TEXT[body.field] ?? body.field ?? '';
    // Free text may not hold CPR-shaped numbers or control characters (API.md); the API names
    // the field but never repeats the value.
    const text = field
      ? `Feltet ${field} blev afvist. Tjek værdien; fritekst må ikke indeholde CPR-numre.`
      : 'Det indtastede blev afvist. Tjek værdierne.';
    return new ApiError(400, text, body.field ?? '');
  }
  const text = STATUS_TEXT[response.status] ?? `Serveren svarede med fejl ${response.status}.`;
  return new ApiError(response.status, text);
}

// Pseudonyms are "<key version>:<base32>": keep ':' readable, escape anything else unexpected.
export function casePath(citizen) {
  const safe = citizen.replace(/[^A-Za-z0-9._~:-]/g, (c) => encodeURIComponent(c));
  return `/api/v1/cases/${safe}`;
}

function headers(extra = {}) {
  return { Authorization: `Bearer ${storedToken()}`, Accept: 'application/json', ...extra };
}

export async function request(method, path, body) {
  const init = { method, headers: headers(), cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'Der er ingen forbindelse til serveren. Prøv igen om lidt.');
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return {};
  return response.json();
}

// GET of the case; answers {notModified: true} on 304, else {caseData, etag}.
export async function fetchCase(citizen, etag = '') {
  const init = { headers: headers(), cache: 'no-store' };
  if (etag) init.headers['If-None-Match'] = etag;
  let response;
  try {
    response = await fetch(casePath(citizen), init);
  } catch {
    throw new ApiError(0, 'Der er ingen forbindelse til serveren. Prøv igen om lidt.');
  }
  if (response.status === 304) return { notModified: true, etag };
  if (!response.ok) throw await errorOf(response);
  return { caseData: await response.json(), etag: response.headers.get('ETag') ?? '' };
}

// Splits an SSE byte stream into events (the HTML standard's event stream interpretation,
// enough of it for `event:` and `data:` lines; comments and ids are ignored).
async function readEvents(body, onEvent) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let name = '';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) onEvent(name || 'message', data.join('\n'));
        name = '';
        data = [];
      } else if (line.startsWith(':')) {
        continue;
      } else {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let text = colon < 0 ? '' : line.slice(colon + 1);
        if (text.startsWith(' ')) text = text.slice(1);
        if (field === 'event') name = text;
        else if (field === 'data') data.push(text);
      }
    }
  }
}

// Watches one case for changes and calls onChange(etag) for every `case` event.
//
// EventSource cannot send the Authorization header, so the stream is read with fetch() and a
// stream reader. The stream reconnects with backoff; when it cannot be opened at all (an older
// server, a proxy that buffers) the watcher falls back to a conditional GET every 2 s, which costs
// one audit record per poll where the stream costs one per connection. Returns stop().
export function watchCase(citizen, { onChange, onError, onMode }) {
  const controller = new AbortController();
  let stopped = false;
  let failures = 0;
  let connects = 0;
  let pollTimer = 0;

  const stop = () => {
    stopped = true;
    controller.abort();
    clearTimeout(pollTimer);
  };

  const poll = () => {
    if (stopped) return;
    onChange('');
    pollTimer = setTimeout(poll, 2000);
  };

  const stream = async () => {
    while (!stopped) {
      let opened = 0;
      try {
        const response = await fetch(`${casePath(citizen)}/events`, {
          headers: headers({ Accept: 'text/event-stream' }),
          cache: 'no-store',
          signal: controller.signal,
        });
        if (response.status === 401 || response.status === 403) {
          onError(await errorOf(response));
          return;
        }
        if (!response.ok || !response.body) throw new Error(`status ${response.status}`);
        opened = Date.now();
        onMode('stream');
        // A change may have happened while the stream was down.
        if (connects > 0) onChange('');
        connects += 1;
        await readEvents(response.body, (name, data) => {
          if (name === 'case') onChange(data.trim());
        });
      } catch (e) {
        if (stopped || e?.name === 'AbortError') return;
      }
      // A stream that stayed open a while was healthy; one that closes at once counts as failing.
      if (opened && Date.now() - opened > 30000) failures = 0;
      failures += 1;
      if (failures >= 3) {
        onMode('polling');
        poll();
        return;
      }
      await new Promise((resolve) => {
        setTimeout(resolve, 500 * 2 ** failures);
      });
    }
  };

  stream();
  return stop;
}
