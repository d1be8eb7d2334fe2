import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { DirectoryQueryDto, DirectoryUserPageDto, toDirectoryUserDto } from './directory.dto';
import { UserService } from './user.service';

/** Colleagues for every signed-in user (share grantees, new owners); partner users see only their own company. */
@ApiTags('users')
@Controller('directory')
export class DirectoryController {
  constructor(private readonly users: UserService) {}

  /** Active users, by name. */
  @Get('users')
  @Endpoint({ summary: 'Find colleagues by name or email' })
  async listDirectoryUsers(@CurrentPrincipal() principal: Principal, @Query() query: DirectoryQueryDto): Promise<DirectoryUserPageDto> {
    const page = await this.users.directory(principal, query);
    return { data: page.data.map(toDirectoryUserDto), nextCursor: page.nextCursor };
  }
}
