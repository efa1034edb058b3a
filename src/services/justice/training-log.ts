// The training log: sessions of mental health awareness training the team gives to police, court and other
// justice staff, with the totals a commissioner asks for (sessions and attendees, by audience).
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { isRealDate } from '../../domain/age.js';
import { isUuid } from '../../domain/ids.js';
import { londonDate } from '../../domain/london-time.js';
import type { AuditService, RequestOrigin } from '../audit.js';
import type { Clock } from '../clock.js';
import { requireTeamMember, type CaseRecords } from '../cases/case-records.js';
import { parseOrThrow } from '../directory/validate.js';
import { ForbiddenError, ValidationError } from '../errors.js';

export const TRAINING_AUDIENCES = ['police', 'court', 'probation', 'youth_justice', 'other'] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];
export const TRAINING_AUDIENCE_LABELS: Record<TrainingAudience, string> = {
  police: 'Police and custody staff',
  court: 'Court staff',
  probation: 'Probation',
  youth_justice: 'Youth justice',
  other: 'Other justice staff',
};

/** A training session as the form gives it: attendees null when what was typed is not a whole number. */
export type TrainingInput = {
  deliveredOn: string;
  audience: string;
  siteId: string | null;
  topic: string;
  attendees: number | null;
  trainer: string;
  notes: string;
};

export type TrainingFilter = { from?: string | null; to?: string | null };

export type TrainingSessionView = {
  id: string;
  deliveredOn: string;
  audience: TrainingAudience;
  audienceLabel: string;
  siteName: string | null;
  topic: string;
  attendees: number;
  trainer: string;
  notes: string;
  recordedBy: string;
};

export type TrainingTotals = {
  sessions: number;
  attendees: number;
  byAudience: Array<{ audience: TrainingAudience; label: string; sessions: number; attendees: number }>;
};

const ATTENDEES = 'Enter the number of people who attended as a whole number from 1 to 500';

function trainingInput(today: string) {
  return z.object({
    deliveredOn: z
      .string()
      .refine(isRealDate, 'Date of the training must be a real date')
      .refine((d) => !isRealDate(d) || d <= today, 'Date of the training cannot be in the future'),
    audience: z.enum(TRAINING_AUDIENCES, { message: 'Select who the training was for' }),
    siteId: z.string().refine(isUuid, 'Select a site of your service, or "Not at one of our sites"').nullable(),
    topic: z.string().trim().min(2, 'Enter the topic of the training, like Mental health awareness for custody officers').max(200, 'Topic must be 200 characters or fewer'),
    attendees: z.number({ message: ATTENDEES }).int(ATTENDEES).min(1, ATTENDEES).max(500, ATTENDEES),
    trainer: z.string().trim().min(2, 'Enter who gave the training').max(200, 'Who gave the training must be 200 characters or fewer'),
    notes: z.string().trim().max(1000, 'Notes must be 1000 characters or fewer'),
  });
}

/** Sessions and attendees in all, and for each audience that had any (in the order of the audiences). */
export function trainingTotals(sessions: Array<{ audience: TrainingAudience; attendees: number }>): TrainingTotals {
  const byAudience = TRAINING_AUDIENCES.map((audience) => {
    const of = sessions.filter((s) => s.audience === audience);
    return { audience, label: TRAINING_AUDIENCE_LABELS[audience], sessions: of.length, attendees: of.reduce((sum, s) => sum + s.attendees, 0) };
  }).filter((a) => a.sessions > 0);
  return { sessions: sessions.length, attendees: sessions.reduce((sum, s) => sum + s.attendees, 0), byAudience };
}

export function createTrainingLog(db: Kysely<Database>, clock: Clock, audit: AuditService, _cases: CaseRecords) {
  return {
    /** Records a session given by the team (practitioners and team managers); audited. */
    async record(actor: Actor, input: TrainingInput, origin: RequestOrigin): Promise<string> {
      const { role, serviceId } = actor.grant;
      if ((role !== 'practitioner' && role !== 'team_manager') || !serviceId) throw new ForbiddenError('Only practitioners and team managers record training sessions');
      const value = parseOrThrow(trainingInput(londonDate(clock.now())), input);
      if (value.siteId) {
        const site = await db.selectFrom('site').select('id').where('id', '=', value.siteId).where('service_id', '=', serviceId).executeTakeFirst();
        if (!site) throw new ValidationError({ siteId: 'Select a site of your service, or "Not at one of our sites"' });
      }
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('training_session')
          .values({
            service_id: serviceId, delivered_on: value.deliveredOn, audience: value.audience, site_id: value.siteId, topic: value.topic,
            attendees: value.attendees, trainer: value.trainer, notes: value.notes, recorded_by: actor.userId, recorded_at: clock.now(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit.record({ actor }, origin, {
          action: 'training_session.recorded', subjectType: 'training_session', subjectId: row.id,
          detail: { deliveredOn: value.deliveredOn, audience: value.audience, attendees: value.attendees },
        }, trx);
        return row.id;
      });
    },

    /** The service's sessions, newest first, between two optional dates (inclusive), with their totals. */
    async list(actor: Actor, filter: TrainingFilter = {}): Promise<{ sessions: TrainingSessionView[]; totals: TrainingTotals }> {
      const serviceId = requireTeamMember(actor, 'Only the Liaison and Diversion team sees the training log');
      const problems: Record<string, string> = {};
      const from = filter.from || null;
      const to = filter.to || null;
      if (from && !isRealDate(from)) problems.from = 'The first date must be a real date';
      if (to && !isRealDate(to)) problems.to = 'The last date must be a real date';
      if (from && to && isRealDate(from) && isRealDate(to) && from > to) problems.to = 'The last date must be the same as or after the first date';
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      let q = db
        .selectFrom('training_session as t')
        .leftJoin('site as s', 's.id', 't.site_id')
        .innerJoin('app_user as u', 'u.id', 't.recorded_by')
        .select(['t.id', 't.delivered_on', 't.audience', 't.topic', 't.attendees', 't.trainer', 't.notes', 's.name as site_name', 'u.display_name as recorded_by'])
        .where('t.service_id', '=', serviceId);
      if (from) q = q.where('t.delivered_on', '>=', from);
      if (to) q = q.where('t.delivered_on', '<=', to);
      const rows = await q.orderBy('t.delivered_on', 'desc').orderBy('t.recorded_at', 'desc').execute();
      const sessions = rows.map((r) => ({
        id: r.id, deliveredOn: r.delivered_on, audience: r.audience, audienceLabel: TRAINING_AUDIENCE_LABELS[r.audience], siteName: r.site_name,
        topic: r.topic, attendees: Number(r.attendees), trainer: r.trainer, notes: r.notes, recordedBy: r.recorded_by,
      }));
      return { sessions, totals: trainingTotals(sessions) };
    },
  };
}

export type TrainingLog = ReturnType<typeof createTrainingLog>;
