/**
 * What a trigger remembers between callbacks, in this n8n process: the signatures it already
 * handled and the SmileJobIDs it already started for. Not the workflow's static data: n8n 2.41
 * does not save a webhook's change to it when the same request starts an execution, so a repeat
 * would slip through.
 */

/**
 * Keys remembered until a moment, in the order they were added. Each key is kept for the same
 * span from when it was added, so the oldest entries expire first: pruning looks only at the
 * front and stops at the first live entry (amortised constant time per callback).
 */
export class ExpiringKeys<Value> {
	private readonly entries = new Map<string, { expiresAt: number; value: Value }>();

	get size(): number {
		return this.entries.size;
	}

	private prune(nowMs: number): void {
		for (const [key, { expiresAt }] of this.entries) {
			if (expiresAt > nowMs) return;
			this.entries.delete(key);
		}
	}

	/** The value remembered for a key, unless it expired. */
	get(key: string, nowMs: number): Value | undefined {
		this.prune(nowMs);
		return this.entries.get(key)?.value;
	}

	/** Remembers a key until `nowMs + keepMs`; a key already there keeps its first value. */
	add(key: string, value: Value, nowMs: number, keepMs: number): void {
		this.prune(nowMs);
		if (!this.entries.has(key)) this.entries.set(key, { expiresAt: nowMs + keepMs, value });
	}

	forget(key: string): void {
		this.entries.delete(key);
	}
}

export interface TriggerMemory {
	/** Each accepted signature, with the SHA-256 of the body it came with. */
	signatures: ExpiringKeys<string>;
	/** Each SmileJobID that started (or was filtered out by) this trigger. */
	jobs: ExpiringKeys<true>;
}

const memories = new Map<string, TriggerMemory>();

/** The memory of one trigger: a workflow's trigger node, by workflow ID and node ID. */
export function memoryOf(trigger: string): TriggerMemory {
	let memory = memories.get(trigger);
	if (!memory) {
		memory = { signatures: new ExpiringKeys(), jobs: new ExpiringKeys() };
		memories.set(trigger, memory);
	}
	return memory;
}
