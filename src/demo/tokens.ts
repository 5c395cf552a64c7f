/** Fake credentials: the emulators check them, so a run without them fails like it would for real. */
export const DEMO_TOKENS = {
  github: 'ghs_demoTokenNeverPrinted0000000000',
  google: 'ya29.demoGoogleTokenNeverPrinted',
  slack: 'xoxb-demo-slack-token-never-printed',
} as const;
