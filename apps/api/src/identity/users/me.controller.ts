import { Body, Controller, Get, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { IfMatchVersion, setVersionEtag } from '../../platform/http/etag';
import { ChangePasswordDto } from '../auth/auth.dto';
import { CurrentPrincipal, CurrentSession } from '../auth/current-principal.decorator';
import type { Principal, SessionPrincipal } from '../auth/principal';
import { PasswordService } from '../passwords/password.service';
import { toUserDto, UpdateProfileDto, UserDto } from './user.dto';
import { UserService } from './user.service';

@ApiTags('me')
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UserService,
    private readonly passwords: PasswordService,
  ) {}

  @Get()
  @Endpoint({ summary: 'The signed-in user with roles and team' })
  async getMe(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<UserDto> {
    const user = await this.users.getById(principal.userId);
    setVersionEtag(response, user.version);
    return toUserDto(user);
  }

  /** If-Match is optional here: only the user edits their own profile. */
  @Patch()
  @Endpoint({ summary: 'Update your own name, phone or language', errors: [412] })
  async updateMe(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: UpdateProfileDto,
    @IfMatchVersion() version: number | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<UserDto> {
    const user = await this.users.updateProfile(principal.userId, dto, version);
    setVersionEtag(response, user.version);
    return toUserDto(user);
  }

  /** Needs the current password; ends your other sessions. */
  @Post('password')
  @Endpoint({ summary: 'Change your own password', status: 204, errors: [422, 429], sessionOnly: true })
  async changeMyPassword(@CurrentSession() principal: SessionPrincipal, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.passwords.change(principal.userId, principal.sessionId, dto.currentPassword, dto.newPassword);
  }
}
