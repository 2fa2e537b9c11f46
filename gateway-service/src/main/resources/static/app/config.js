// Deployment settings of the web app. OpenID Connect providers configured in auth-service
// (WAYFARER_AUTH_OIDC_<NAME>_*) get a login button when listed here by the same name; the button
// is a link to /v1/auth/oauth2/<name> with the id login-<name>.
export const config = {
  oidcProviders: [
    // the local profile's OpenID Connect stand-in, served by auth-service itself (docs/third-party-login.md);
    // a deployment lists its real issuers here instead (e.g. { name: 'keycloak', label: 'Company login' })
    { name: 'demo-id', label: 'Demo ID' },
  ],
};
