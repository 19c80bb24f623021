import type { IDataObject } from 'n8n-workflow';

export interface EnrolleeOperation {
	name: string;
	action: string;
	description: string;
	/** The one action flag Smile ID expects in the body, as a JSON boolean. */
	flag: IDataObject;
	/** The user's state once the change is in place, as Enrollee > Get shows it. */
	inPlace: { field: 'active' | 'fraudulent' | 'deleted' | 'awaitingReenrollment'; value: boolean };
}

/** The six enrollee operations: they differ only by this data. Keep them sorted by name. */
export const ENROLLEE_OPERATIONS = {
	allowReenrollment: {
		name: 'Allow Re-Enrollment',
		action: 'Allow a user to enroll again',
		description: 'Let the user submit a new enrollment job under the same user ID',
		flag: { allow_new_enroll: true },
		inPlace: { field: 'awaitingReenrollment', value: true },
	},
	unflagFraud: {
		name: 'Clear Fraud Flag',
		action: 'Clear the fraud flag of a user',
		description: "Clear the user's fraud flag so that their jobs can pass again",
		flag: { is_fraudulent: false },
		inPlace: { field: 'fraudulent', value: false },
	},
	deactivate: {
		name: 'Deactivate',
		action: 'Deactivate a user',
		description: 'Block the user: they cannot run new jobs until reactivated',
		flag: { active: false },
		inPlace: { field: 'active', value: false },
	},
	delete: {
		name: 'Delete',
		action: 'Delete a user permanently',
		description: 'Permanently delete the user and all their enrollment data. This cannot be undone.',
		flag: { delete: true },
		inPlace: { field: 'deleted', value: true },
	},
	flagFraud: {
		name: 'Flag as Fraudulent',
		action: 'Flag a user as fraudulent',
		description: "Mark the user as fraudulent: their jobs still run but are all marked failed",
		flag: { is_fraudulent: true },
		inPlace: { field: 'fraudulent', value: true },
	},
	reactivate: {
		name: 'Reactivate',
		action: 'Reactivate a user',
		description: 'Lift a deactivation so that the user can run new jobs again',
		flag: { active: true },
		inPlace: { field: 'active', value: true },
	},
} satisfies Record<string, EnrolleeOperation>;

export type EnrolleeOperationName = keyof typeof ENROLLEE_OPERATIONS;

export function isEnrolleeOperation(value: unknown): value is EnrolleeOperationName {
	return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ENROLLEE_OPERATIONS, value);
}
