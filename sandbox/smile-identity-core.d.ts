/** The part of Smile ID's official Node SDK the sandbox and the bench use (3.2.1 ships no declarations). */
declare module 'smile-identity-core' {
	export class Signature {
		constructor(partnerId: string, apiKey: string);
		generate_signature(timestamp?: string | number): {
			signature: string;
			timestamp: string | number;
		};
		confirm_signature(timestamp: string | number, signature: string): boolean;
	}
}
