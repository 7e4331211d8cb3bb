import { describe, expect, it } from 'vitest';
import { parsePrd, sectionLabel } from './prd-document.ts';

// The canonical shape core writes (prd/schema.ts), trimmed.
const raw = `schema_version: 1
ticket_id: SMP-1
artifact: prd
status: draft
product:
  problem_statement: Users cannot log in.
  target_users:
    - Registered users
scope:
  in_scope: [Password login, SSO login]
  out_of_scope: [Social login]
technical_requirements:
  architecture_constraints: [Keep src/index.js]
  data_model: []
  security_constraints: [Passwords are never logged]
epics:
  - id: EPIC-1
    title: Login
    objective: Users can log in.
    implementation_steps: [Add the login module]
    user_stories:
      - id: US-1-1
        title: Password login
        acceptance_criteria: [A correct password logs in, A wrong one is refused]
        implementation_steps: []
        verification:
          required_commands: [node --test]
risks: [SSO provider details are not decided]
`;

describe('parsePrd', () => {
  it('reads every section of the structured view', () => {
    const { prd } = parsePrd(raw);
    expect(prd).toMatchObject({
      problemStatement: 'Users cannot log in.',
      targetUsers: ['Registered users'],
      inScope: ['Password login', 'SSO login'],
      outOfScope: ['Social login'],
      risks: ['SSO provider details are not decided'],
    });
    expect(prd?.technicalRequirements).toEqual([
      { key: 'architecture_constraints', items: ['Keep src/index.js'] },
      { key: 'security_constraints', items: ['Passwords are never logged'] },
    ]);
    expect(prd?.epics[0]?.stories[0]).toEqual({
      id: 'US-1-1',
      title: 'Password login',
      acceptanceCriteria: ['A correct password logs in', 'A wrong one is refused'],
      implementationSteps: [],
      requiredCommands: ['node --test'],
    });
  });

  it('reads missing sections as empty instead of failing', () => {
    expect(parsePrd('epics:\n  - title: Only a title\n').prd).toEqual({
      problemStatement: '',
      targetUsers: [],
      inScope: [],
      outOfScope: [],
      technicalRequirements: [],
      epics: [{ id: '', title: 'Only a title', objective: '', implementationSteps: [], stories: [] }],
      risks: [],
    });
  });

  it.each([
    ['a YAML syntax error', 'epics: [unclosed'],
    ['a document that is not a mapping', '- a\n- b'],
  ])('explains %s', (_name, text) => {
    const result = parsePrd(text);
    expect(result.prd).toBeNull();
    expect(result.error).toBeTruthy();
  });
});

describe('sectionLabel', () => {
  it('turns a requirement key into a heading', () => {
    expect(sectionLabel('error_handling_rules')).toBe('Error handling rules');
  });
});
