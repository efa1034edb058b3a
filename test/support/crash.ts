// Writes through a real form over HTTP, many at once, until the server is killed: which writes were acknowledged.
import { signInOverHttp } from '../../bench/http-sign-in.js';

/** What the client knows of one write: acknowledged (303), refused (another status), or lost (no answer: killed mid-request). */
export type WriteOutcome = 'acknowledged' | 'refused' | 'lost';

export type WriteLog = {
  outcomes: Map<string, WriteOutcome>;
  /** Requests sent and not yet answered at the moment of the kill. */
  inFlightAtKill: number;
  /** Status and start of the body of each refusal, to explain a failure. */
  refusals: string[];
};

/** A signed-in browser tab posting one form: its cookies and the CSRF token of the form page. */
export type FormSession = { baseUrl: string; cookie: string; csrf: string };

/** Signs in over HTTP and reads the CSRF token from the form page at `formPath`. */
export async function openFormSession(baseUrl: string, username: string, formPath: string): Promise<FormSession> {
  const cookie = await signInOverHttp(baseUrl, username);
  const page = await fetch(`${baseUrl}${formPath}`, { headers: { cookie } });
  const body = await page.text();
  if (page.status !== 200) throw new Error(`${formPath} answered ${page.status} for ${username}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (!csrf) throw new Error(`${formPath} has no CSRF token`);
  return { baseUrl, cookie, csrf };
}

/** Posts a form as a browser would, without following the redirect; returns the status and the body. */
export async function postForm(session: FormSession, formPath: string, fields: Record<string, string>): Promise<{ status: number; body: string; location: string | null }> {
  const res = await fetch(`${session.baseUrl}${formPath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: session.csrf, ...fields }).toString(),
  });
  // The status is what the user saw; a body cut off by the kill does not change it.
  const body = await res.text().catch(() => '');
  return { status: res.status, body, location: res.headers.get('location') };
}

/**
 * Runs `workers` loops, each posting the form with the next marker as soon as its previous write is answered, and
 * calls `kill` `killDelayMs` after `killAfter` writes have been acknowledged, the loops still writing meanwhile, so the
 * kill lands while the server is busy with the others. After the kill nothing more is sent; requests cut off by it are
 * logged as lost.
 */
export async function writeUntilKilled(options: {
  session: FormSession;
  formPath: string;
  fieldsFor: (marker: string) => Record<string, string>;
  markerFor: (n: number) => string;
  workers: number;
  killAfter: number;
  killDelayMs: number;
  kill: () => void;
}): Promise<WriteLog> {
  const outcomes = new Map<string, WriteOutcome>();
  const refusals: string[] = [];
  let next = 0;
  let acknowledged = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  let killScheduled = false;
  const killNow = () => {
    inFlightAtKill = inFlight;
    options.kill();
  };

  const worker = async () => {
    while (inFlightAtKill < 0) {
      const marker = options.markerFor(next++);
      outcomes.set(marker, 'lost');
      inFlight++;
      try {
        const res = await postForm(options.session, options.formPath, options.fieldsFor(marker));
        if (res.status === 303) {
          outcomes.set(marker, 'acknowledged');
          acknowledged++;
        } else {
          outcomes.set(marker, 'refused');
          refusals.push(`${marker}: ${res.status} ${res.body.slice(0, 300)}`);
        }
      } catch {
        /* the connection was cut: the client never learnt the outcome */
      } finally {
        inFlight--;
      }
      // Enough acknowledged, or something is wrong (refusals): kill now either way, and let the test say what it saw.
      if ((acknowledged >= options.killAfter || refusals.length > 5) && !killScheduled) {
        killScheduled = true;
        setTimeout(killNow, options.killDelayMs);
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  return { outcomes, inFlightAtKill, refusals };
}
