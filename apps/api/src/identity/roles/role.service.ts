import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RoleEntity } from './role.entity';

@Injectable()
export class RoleService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(): Promise<RoleEntity[]> {
    return this.dataSource.getRepository(RoleEntity).find({ order: { key: 'ASC' } });
  }
}
