import type { Principal } from '../identity/auth/principal';
import { AppError } from '../platform/http/app-error';
import { ErrorCode } from '../platform/http/error-code';
import { AccessAction, AccessLevel, FieldAccess, ObjectType } from './access.types';
import { ObjectAccess } from './object-access';

const principal: Principal = {
  userId: 'u1',
  email: 'u1@lianxi.test',
  teamId: 't1',
  teamPath: '/t1/',
  partnerAccountId: null,
  roles: [],
  policyVersion: '1',
  shares: [],
  authMethod: 'session',
  sessionId: 's1',
  apiKeyId: null,
};

/** The access of a caller reading `objectType` at `read`, with `rules` as their explicit field rules. */
function accessTo(objectType: ObjectType, read: AccessLevel, rules: Record<string, FieldAccess> = {}): ObjectAccess {
  const policy = { objectType, level: (action: AccessAction) => (action === AccessAction.Read ? read : AccessLevel.None), fieldRule: (field: string) => rules[field] };
  return new ObjectAccess(principal, policy, { read: [], edit: [] });
}

function refusal(check: () => void): { message: string; errors?: Array<{ field: string; message: string }> } {
  try {
    check();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.code).toBe(ErrorCode.Forbidden);
    return { message: error.message, errors: error.options.errors };
  }
  throw new Error('not refused');
}

describe('ObjectAccess.assertMayAggregate', () => {
  it('refuses a caller without the read right by the records, naming no field unless asked to', () => {
    expect(refusal(() => accessTo(ObjectType.Order, AccessLevel.None).assertMayAggregate(['subtotal']))).toEqual({ message: 'You may not read orders', errors: undefined });
    expect(refusal(() => accessTo(ObjectType.Opportunity, AccessLevel.None).assertMayAggregate(['amount'])).message).toBe('You may not read opportunities');
    expect(refusal(() => accessTo(ObjectType.Payment, AccessLevel.None).assertMayAggregate(['amount', 'paidAt'])).message).toBe('You may not read payments');
    expect(refusal(() => accessTo(ObjectType.Quote, AccessLevel.None).assertMayAggregate([])).message).toBe('You may not read quote records');
    expect(refusal(() => accessTo(ObjectType.Order, AccessLevel.None).assertMayAggregate(['subtotal', 'lines.unitCost'], { nameFieldsWithoutRead: true }))).toEqual({
      message: 'You may not read orders',
      errors: [
        { field: 'subtotal', message: 'you may not read this field' },
        { field: 'lines.unitCost', message: 'you may not read this field' },
      ],
    });
  });

  it('then refuses each field that is hidden or masked, once, and passes fields read in full', () => {
    const access = accessTo(ObjectType.Order, AccessLevel.Team, { subtotal: FieldAccess.Hidden, phone: FieldAccess.Masked, total: FieldAccess.Read });
    expect(refusal(() => access.assertMayAggregate(['total', 'subtotal', 'phone', 'subtotal']))).toEqual({
      message: 'You may not read: subtotal, phone',
      errors: [
        { field: 'subtotal', message: 'you may not read this field' },
        { field: 'phone', message: 'you may not read this field' },
      ],
    });
    expect(() => access.assertMayAggregate(['total', 'orderDate'], { nameFieldsWithoutRead: true })).not.toThrow();
  });
});
