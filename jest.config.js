/** @type {import('jest').Config} */
const shared = {
	testEnvironment: 'node',
	setupFiles: ['<rootDir>/test/support/setupEnv.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
};

/** Two projects: `jest --selectProjects unit` runs the fast ones alone (npm run test:unit). */
module.exports = {
	projects: [
		{ ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...shared, displayName: 'engine', testMatch: ['<rootDir>/test/engine/**/*.test.ts'] },
	],
	testTimeout: 60_000,
	// Engine tests start simulators and the n8n engine: keep them apart from each other.
	maxWorkers: 2,
};
