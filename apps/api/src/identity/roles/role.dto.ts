import { RoleKey } from './role-key';
import { RoleEntity } from './role.entity';

export class RoleDto {
  key!: RoleKey;
  /** Chinese name. @example 销售代表 */
  name!: string;
  /** @example Sales rep */
  nameEn!: string;
  description!: string;
}

export function toRoleDto(role: RoleEntity): RoleDto {
  return { key: role.key, name: role.name, nameEn: role.nameEn, description: role.description };
}
