import { describe, expect, it } from 'vitest';
import { CodedError } from './codedError';

class TestError extends CodedError<'A' | 'B'> {
  override readonly name = 'TestError';
}

describe('CodedError', () => {
  it('is sent as its code and message, with details only when there are some', () => {
    expect(JSON.stringify(new TestError('A', 'went wrong'))).toBe('{"code":"A","message":"went wrong"}');
    expect(new TestError('B', 'no', { reason: 'x' }).toJSON()).toEqual({ code: 'B', message: 'no', details: { reason: 'x' } });
  });

  it('keeps the name its subclass gives it', () => {
    const error = new TestError('A', 'went wrong');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TestError');
    expect(String(error)).toBe('TestError: went wrong');
  });
});
