import type { IDataObject } from 'n8n-workflow';

export interface EnrolleeOperation {
	name: string;
	action: string;
	description: string;
	/** What the tool does to the user, told to the model that decides whether to call it. */
	forAgents: string;
	/** The one action flag Smile ID expects in the body, as a JSON boolean. */
	flag: IDataObject;
	/** The user's state once the change is in place, as Enrollee > Get shows it. */
	inPlace: { field: 'active' | 'fraudulent' | 'deleted' | 'awaitingReenrollment'; value: boolean };
	/** A change that cannot be undone: the panel says so while the write is not a preview. */
	permanent?: string;
}

/** What a model is told about the input of every enrollee tool, after what the tool does. */
export const ENROLLEE_TOOL_INPUT =
	'Input: userId, the ID of the user in Smile ID, exactly as given to you.';

/** What a model is told a write tool answers. */
export const WRITE_TOOL_RESULT =
	'Returns a JSON list with one object: success true and the answer of Smile ID. On failure returns an error that says what to do.';

/** The six enrollee operations: they differ only by this data. Keep them sorted by name. */
export const ENROLLEE_OPERATIONS = {
	allowReenrollment: {
		name: 'Allow Re-Enrollment',
		action: 'Allow a user to enroll again',
		description: 'Let the user submit a new enrollment job under the same user ID',
		forAgents:
			'Allows a user to enroll again in Smile ID: their next enrollment job (a new selfie or document check) is accepted under the same user ID.',
		flag: { allow_new_enroll: true },
		inPlace: { field: 'awaitingReenrollment', value: true },
	},
	unflagFraud: {
		name: 'Clear Fraud Flag',
		action: 'Clear the fraud flag of a user',
		description: "Clear the user's fraud flag so that their jobs can pass again",
		forAgents:
			'Clears the fraud flag of a user in Smile ID, so that their verification jobs can pass again. Only for a user confirmed not to be fraudulent.',
		flag: { is_fraudulent: false },
		inPlace: { field: 'fraudulent', value: false },
	},
	deactivate: {
		name: 'Deactivate',
		action: 'Deactivate a user',
		description: 'Block the user: they cannot run new jobs until reactivated',
		forAgents:
			'Deactivates a user in Smile ID: they cannot run new verification jobs until reactivated (Reactivate undoes it).',
		flag: { active: false },
		inPlace: { field: 'active', value: false },
	},
	delete: {
		name: 'Delete',
		action: 'Delete a user permanently',
		description:
			'Permanently delete the user and all their enrollment data. This cannot be undone.',
		forAgents:
			'PERMANENTLY deletes a user and all their enrollment data (selfies, documents, results) from Smile ID. This cannot be undone: Smile ID refuses every later change to this user ID. Only when a person has explicitly asked to delete this very user.',
		flag: { delete: true },
		inPlace: { field: 'deleted', value: true },
		permanent:
			'This Delete cannot be undone: Smile ID removes each user and all their enrollment data for good. To see first which users it would delete, add Options > Preview Only (Dry Run).',
	},
	flagFraud: {
		name: 'Flag as Fraudulent',
		action: 'Flag a user as fraudulent',
		description: 'Mark the user as fraudulent: their jobs still run but are all marked failed',
		forAgents:
			'Flags a user as fraudulent in Smile ID: their verification jobs still run but all of them are marked failed (Clear Fraud Flag undoes it).',
		flag: { is_fraudulent: true },
		inPlace: { field: 'fraudulent', value: true },
	},
	reactivate: {
		name: 'Reactivate',
		action: 'Reactivate a user',
		description: 'Lift a deactivation so that the user can run new jobs again',
		forAgents:
			'Reactivates a deactivated user in Smile ID, so that they can run verification jobs again.',
		flag: { active: true },
		inPlace: { field: 'active', value: true },
	},
} satisfies Record<string, EnrolleeOperation>;

export type EnrolleeOperationName = keyof typeof ENROLLEE_OPERATIONS;

export function isEnrolleeOperation(value: unknown): value is EnrolleeOperationName {
	return (
		typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENROLLEE_OPERATIONS, value)
	);
}
