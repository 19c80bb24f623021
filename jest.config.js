/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFilesAfterEnv: ['<rootDir>/test/support/n8n-env.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
	reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
	testTimeout: 60000,
};
