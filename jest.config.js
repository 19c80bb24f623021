/**
 * `npm test` runs the three projects; each runs alone too (`npm run test:unit`, `test:workflows`,
 * `test:slow`):
 * - unit: the node's parts and the sandbox, no engine (seconds);
 * - workflows: the node run in n8n-core's own engine against the local sandbox, as a user's workflow;
 * - slow: the soak and the limit and pacing runs, which take real seconds per test.
 */
const shared = {
	testEnvironment: 'node',
	testMatch: ['**/*.test.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/support/n8n-env.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
};

/** @type {import('jest').Config} */
module.exports = {
	projects: ['unit', 'workflows', 'slow'].map((name) => ({
		...shared,
		displayName: name,
		roots: [`<rootDir>/test/${name}`],
	})),
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
	testTimeout: 60000,
};
