import { Body, Controller, Get, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { UuidParam } from '../../platform/http/validation';
import { PasswordService } from '../passwords/password.service';
import { ADMINISTRATION } from '../roles/role-key';
import { CreateUserDto, PasswordResetIssuedDto, SetUserRolesDto, toUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './user.dto';
import { UserService } from './user.service';


@ApiTags('users')
@Controller('users')
export class UserController {
  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
  ) {}

  @Get()
  @Endpoint({ summary: 'List users', ...ADMINISTRATION })
  async listUsers(@Query() query: UserQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(query);
    return { data: page.data.map(toUserDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Endpoint({ summary: 'Get a user', ...ADMINISTRATION, errors: [404] })
  async getUser(@UuidParam('id') id: string, @Res({ passthrough: true }) response: Response): Promise<UserDto> {
    const user = await this.users.getById(id);
    setVersionEtag(response, user.version);
    return toUserDto(user);
  }

  /** The user gets an email with a one-time link to choose their password; nobody else ever knows it. */
  @Post()
  @Endpoint({ summary: 'Create a user (without a password)', ...ADMINISTRATION, errors: [409] })
  async createUser(@Body() dto: CreateUserDto, @Res({ passthrough: true }) response: Response): Promise<UserDto> {
    const user = await this.users.create(dto);
    setVersionEtag(response, user.version);
    return toUserDto(user);
  }

  /** Needs If-Match. `active: false` ends all the user's sessions at once. */
  @Patch(':id')
  @Endpoint({ summary: 'Update or deactivate a user', ...ADMINISTRATION, errors: [404, 412, 428] })
  async updateUser(
    @UuidParam('id') id: string,
    @Body() dto: UpdateUserDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const user = await this.users.update(id, dto, version);
    setVersionEtag(response, user.version);
    return toUserDto(user);
  }

  /** Needs If-Match. Administrators cannot change their own roles. */
  @Put(':id/roles')
  @Endpoint({ summary: 'Replace a user\'s roles', ...ADMINISTRATION, errors: [404, 412, 428] })
  async setUserRoles(
    @UuidParam('id') id: string,
    @Body() dto: SetUserRolesDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const user = await this.users.setRoles(id, dto.roles, version);
    setVersionEtag(response, user.version);
    return toUserDto(user);
  }

  /** The current password stops working, all sessions end, and the user is emailed a one-time link. */
  @Post(':id/password-reset')
  @Endpoint({ summary: 'Force a password reset', ...ADMINISTRATION, status: 202, errors: [404, 409] })
  forceUserPasswordReset(@UuidParam('id') id: string): Promise<PasswordResetIssuedDto> {
    return this.passwords.forceReset(id);
  }
}
