import type { ScopeInfo } from './types';

/**
 * The scopes OpenID Connect Core 1.0 defines (§5.4 claims by scope, §11 offline access), which
 * any OpenID Provider understands the same way.
 */
const CLAIMS = 'https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims';
const OFFLINE = 'https://openid.net/specs/openid-connect-core-1_0.html#OfflineAccess';

export const OIDC_STANDARD_SCOPES: readonly ScopeInfo[] = [
  {
    scope: 'openid',
    title: 'Know it is you',
    sentence: 'Lets the app confirm who you are when you sign in, using an ID that stays the same.',
    includes: ['A stable account ID'],
    doesNotAllow: ['Reading your other data'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: CLAIMS,
  },
  {
    scope: 'profile',
    title: 'See your basic profile',
    sentence: 'Lets the app see your name, nickname, picture and similar profile details.',
    includes: ['Name and nickname', 'Picture and profile page', 'Birth date, gender, time zone and language, if set'],
    doesNotAllow: ['Changing your profile'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: CLAIMS,
  },
  {
    scope: 'email',
    title: 'See your email address',
    sentence: 'Lets the app see your email address and whether it has been verified.',
    includes: ['Your email address', 'Whether it is verified'],
    doesNotAllow: ['Reading or sending your email'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: CLAIMS,
  },
  {
    scope: 'address',
    title: 'See your postal address',
    sentence: 'Lets the app see the postal address stored in your account.',
    includes: ['Your postal address'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'identity',
    source: CLAIMS,
  },
  {
    scope: 'phone',
    title: 'See your phone number',
    sentence: 'Lets the app see the phone number stored in your account and whether it has been verified.',
    includes: ['Your phone number', 'Whether it is verified'],
    access: 'read',
    sensitivity: 'sensitive',
    category: 'identity',
    source: CLAIMS,
  },
  {
    scope: 'offline_access',
    title: 'Stay connected while you are away',
    sentence: 'Lets the app keep the access you gave it after you close it, without asking you to sign in again.',
    includes: ['Refreshing its access without you present'],
    doesNotAllow: ['Anything beyond the other permissions you granted'],
    access: 'read',
    sensitivity: 'basic',
    category: 'identity',
    source: OFFLINE,
  },
];
