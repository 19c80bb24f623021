/**
 * Refusal log lines, rate-limited per trigger: a flood of forged callbacks must not flood n8n's
 * log. Each minute (from the first refusal in it) the first LINES_PER_MINUTE refusals get a line
 * each; the rest are counted, and one line gives the count once that minute is over.
 */
export const LINES_PER_MINUTE = 10;
const MINUTE_MS = 60_000;

export type WriteLine = (message: string, meta: Record<string, unknown>) => void;

interface Minute {
	startedAt: number;
	logged: number;
	unlogged: number;
	write?: WriteLine;
}

const minutes = new Map<string, Minute>();

/**
 * Ends this trigger's minute once it is over (any time, with `nowMs` Infinity): writes how many
 * refusals it did not log one by one. Called on each callback and when the workflow is
 * deactivated: a node cannot keep a timer of its own.
 */
export function endMinute(trigger: string, nowMs: number): void {
	const minute = minutes.get(trigger);
	if (!minute || nowMs - minute.startedAt < MINUTE_MS) return;
	minutes.delete(trigger);
	if (minute.unlogged > 0 && minute.write) {
		minute.write(
			`Smile ID Trigger refused ${minute.unlogged} more callbacks in the minute from ${new Date(minute.startedAt).toISOString()}, not logged one by one (only the first ${LINES_PER_MINUTE} of a minute are)`,
			{ refusedUnlogged: minute.unlogged },
		);
	}
}

/** Writes a refusal's line, or counts it once this trigger has written its lines for the minute. */
export function logRefusal(
	trigger: string,
	write: WriteLine,
	message: string,
	meta: Record<string, unknown>,
	nowMs = Date.now(),
): void {
	endMinute(trigger, nowMs);
	let minute = minutes.get(trigger);
	if (!minute) {
		minute = { startedAt: nowMs, logged: 0, unlogged: 0 };
		minutes.set(trigger, minute);
	}
	if (minute.logged < LINES_PER_MINUTE) {
		minute.logged++;
		write(message, meta);
		return;
	}
	minute.unlogged++;
	minute.write = write;
}
