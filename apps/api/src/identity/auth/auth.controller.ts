import { Body, Controller, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { Endpoint } from '../../platform/http/endpoint.decorator';
import { ErrorCode } from '../../platform/http/error-code';
import { PasswordService } from '../passwords/password.service';
import { UserEntity } from '../users/user.entity';
import { toUserDto } from '../users/user.dto';
import { UserService } from '../users/user.service';
import { IssuedTokens, AuthService } from './auth.service';
import { LocalLoginGuard } from './auth.guards';
import { LoginDto, ResetPasswordDto, TokenResponseDto } from './auth.dto';
import { CurrentSession } from './current-principal.decorator';
import type { SessionPrincipal } from './principal';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from './refresh-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly users: UserService,
    private readonly passwords: PasswordService,
  ) {}

  /** Also sets the refresh token as an httpOnly, SameSite=Strict cookie scoped to /api/v1/auth. */
  @Post('login')
  @UseGuards(LocalLoginGuard)
  @Endpoint({ summary: 'Sign in with email and password', isPublic: true, status: 200, errors: [401, 429] })
  async login(@Body() _credentials: LoginDto, @Req() request: Request & { user: UserEntity }, @Res({ passthrough: true }) response: Response): Promise<TokenResponseDto> {
    return this.respond(await this.auth.login(request.user), response);
  }

  /** Uses the refresh cookie; rotates it. A refresh token used twice ends its whole session. */
  @Post('refresh')
  @ApiCookieAuth('refreshCookie')
  @Endpoint({ summary: 'Get a new access token with the refresh cookie', isPublic: true, status: 200, errors: [401] })
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TokenResponseDto> {
    const token = readRefreshCookie(request);
    if (!token) throw new AppError(ErrorCode.Unauthenticated, 'No refresh cookie; sign in');
    try {
      return await this.respond(await this.auth.refresh(token), response);
    } catch (error) {
      clearRefreshCookie(response, this.config);
      throw error;
    }
  }

  @Post('logout')
  @Endpoint({ summary: 'Sign out: revoke this session and its refresh tokens', status: 204, sessionOnly: true })
  async logout(@CurrentSession() principal: SessionPrincipal, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.logout(principal);
    clearRefreshCookie(response, this.config);
  }

  /** The token comes from the emailed link. Ends every session of the user. */
  @Post('password-reset')
  @Endpoint({ summary: 'Choose a new password with a one-time reset token', isPublic: true, status: 204, errors: [422] })
  async resetPassword(@Body() dto: ResetPasswordDto): Promise<void> {
    await this.passwords.resetWithToken(dto.token, dto.newPassword);
  }

  private async respond(tokens: IssuedTokens, response: Response): Promise<TokenResponseDto> {
    setRefreshCookie(response, tokens.refreshToken, this.config);
    response.setHeader('Cache-Control', 'no-store');
    const user = await this.users.getById(tokens.userId);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn, user: toUserDto(user) };
  }
}
