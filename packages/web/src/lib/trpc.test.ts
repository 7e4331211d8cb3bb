import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { errorMessage } from './trpc.ts';

const serverError = (error: string, details?: unknown) =>
  TRPCClientError.from({ error: { error, details, kind: 'invalid_input', message: error, code: -32600, data: {} } });

describe('errorMessage', () => {
  it.each([
    ['the server message', serverError('Ticket not found'), 'Ticket not found'],
    [
      'field issues of invalid input',
      serverError('Invalid input', [
        { path: ['title'], message: 'Too big' },
        { path: [], message: 'Unknown key' },
      ]),
      'Invalid input (title: Too big; Unknown key)',
    ],
    ['a transport error', new TypeError('Failed to fetch'), 'Failed to fetch'],
  ])('shows %s', (_name, error, expected) => {
    expect(errorMessage(error)).toBe(expected);
  });
});
