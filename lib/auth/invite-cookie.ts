// Carries an invite token from the login page to the sign-in check; read on both sides.
export const inviteCookie = "promo_invite";
