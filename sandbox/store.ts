/**
 * The enrollee store: one record per (partner, user_id). Deleted users stay in the store,
 * flagged, so that later requests answer 2208.
 *
 * Rules (the reference says retries must be safe, so setting a flag that is already set
 * succeeds and leaves the same state; every applied action is still recorded in history so
 * tests can count how often a flag reached the store):
 * - allow_new_enroll: true  -> awaitingReenrollment = true
 * - active: false / true    -> active = false / true
 * - is_fraudulent: true/false -> fraudulent = true / false
 * - delete: true            -> deleted = true (later requests: 2208)
 * Actions on a deactivated or fraud-flagged user are allowed (2207 concerns jobs, not
 * these management calls).
 */
import { SEED_ENROLLEES } from './partners';
import type { EnrolleeState } from './types';

export type EnrolleeAction =
	| { flag: 'allow_new_enroll'; value: true }
	| { flag: 'active'; value: boolean }
	| { flag: 'is_fraudulent'; value: boolean }
	| { flag: 'delete'; value: true };

export function actionLabel(action: EnrolleeAction): string {
	if (action.flag === 'allow_new_enroll' || action.flag === 'delete') return action.flag;
	return `${action.flag}:${String(action.value)}`;
}

function fresh(partnerId: string, userId: string): EnrolleeState {
	return {
		userId,
		partnerId,
		active: true,
		fraudulent: false,
		awaitingReenrollment: false,
		deleted: false,
		history: [],
	};
}

function copy(state: EnrolleeState): EnrolleeState {
	return { ...state, history: [...state.history] };
}

export class EnrolleeStore {
	private readonly records = new Map<string, EnrolleeState>();

	constructor(private readonly seed: boolean) {
		this.reset();
	}

	private static key(partnerId: string, userId: string): string {
		return JSON.stringify([partnerId, userId]);
	}

	reset(): void {
		this.records.clear();
		if (!this.seed) return;
		for (const s of SEED_ENROLLEES) this.add(s.partnerId, s.userId, s);
	}

	add(partnerId: string, userId: string, state: Partial<EnrolleeState> = {}): EnrolleeState {
		const record: EnrolleeState = {
			...fresh(partnerId, userId),
			...state,
			partnerId,
			userId,
			history: [...(state.history ?? [])],
		};
		this.records.set(EnrolleeStore.key(partnerId, userId), record);
		return copy(record);
	}

	get(partnerId: string, userId: string): EnrolleeState | undefined {
		const r = this.records.get(EnrolleeStore.key(partnerId, userId));
		return r && copy(r);
	}

	all(): EnrolleeState[] {
		return [...this.records.values()].map(copy);
	}

	/** Applies an action; the caller has checked that the user exists and is not deleted. */
	apply(partnerId: string, userId: string, action: EnrolleeAction): EnrolleeState {
		const r = this.records.get(EnrolleeStore.key(partnerId, userId));
		if (!r || r.deleted) throw new Error('apply() on a missing or deleted enrollee');
		switch (action.flag) {
			case 'allow_new_enroll':
				r.awaitingReenrollment = true;
				break;
			case 'active':
				r.active = action.value;
				break;
			case 'is_fraudulent':
				r.fraudulent = action.value;
				break;
			case 'delete':
				r.deleted = true;
				break;
		}
		r.history.push(actionLabel(action));
		return copy(r);
	}
}
