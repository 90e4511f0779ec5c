#!/usr/bin/env bash
# wordpress-up.sh - bring up a REAL WordPress (Debian 12 packages) on loopback only,
# as a test peer for lapa-widgets' end-to-end suite (test/e2e/wordpress/run.mjs).
# The project's own copy of the team tool: the project depends on nothing outside itself.
#
#   Usage:  wordpress-up.sh [up|stop|reset|status|flood [SECONDS]]      (default: up)
#     up      install (if needed) + configure + start + seed fixtures + save samples. Idempotent.
#     stop    stop the MariaDB and PHP servers this script started (by PID file, never by name).
#     reset   stop + delete all state (DB, config, uploads, samples) but keep the apt packages.
#     status  print PIDs and URLs; exit 0 when both servers run, 3 when not (LSB style).
#     flood   print the comment-flood window; `flood SECONDS` changes it at once, no restart
#             (the mu-plugin reads it on each request), so one case can run with a short window.
#   Env:  WP_PORT (8089)  WP_DIR (/tmp/wp)  WP_WORKERS (4)
#         SAMPLES (0; 1 = reset the fixture posts' comments and record the sample responses; the samples assume
#                  the default 15 s flood window)
#         WP_FLOOD_SECONDS (15, WordPress's default: minimum seconds between two comments from one IP; 0 = off)
#         CORS_ORIGIN (http://localhost:5173: only the Origin the samples send. It restricts nothing:
#                  WordPress's REST API echoes any request's Origin in Access-Control-Allow-Origin.)
#
# Needs root and Debian's apt repositories. Without them it fails (exit 1) with the reason: the
# end-to-end suite relies on that and never skips silently.
#
# Stack (lightest that works, all from Debian's apt repositories, nothing from wordpress.org):
#   wordpress 6.1.x (+ wordpress-theme-twentytwentythree) | php8.2-cli's built-in server (php -S) with a
#   router for pretty permalinks | a private mariadbd from mariadb-server-core (unix socket only, no TCP).
#   Debian's wordpress package depends on "apache2 | httpd"; a 1-line local placeholder package
#   (wp-peer-httpd, Provides: httpd, built here with dpkg-deb) satisfies that, so no apache2 is installed,
#   and php8.2-cgi satisfies php8.2's "libapache2-mod-php8.2 | php8.2-fpm | php8.2-cgi" without mod_php.
#   No package in the set ships a service, so nothing starts on its own; the only listener is
#   127.0.0.1:$WP_PORT (php -S). MariaDB listens on a unix socket under $WP_DIR only.
set -Eeuo pipefail

ACTION=${1:-up}
WP_DIR=${WP_DIR:-/tmp/wp}
PORT=${WP_PORT:-8089}
HOST=127.0.0.1
WORKERS=${WP_WORKERS:-4}
SAMPLES=${SAMPLES:-0}
FLOOD=${WP_FLOOD_SECONDS:-15}
[[ $FLOOD =~ ^[0-9]+$ ]] || { echo "WP_FLOOD_SECONDS must be a whole number" >&2; exit 1; }
ORIGIN=${CORS_ORIGIN:-http://localhost:5173}
SITE="http://$HOST:$PORT"

WP_CORE=/usr/share/wordpress                    # Debian: read-only core (ABSPATH)
WP_CONTENT=/var/lib/wordpress/wp-content        # Debian: WP_CONTENT_DIR (themes/plugins symlinks, uploads)
WP_CONF=/etc/wordpress/config-$HOST.php         # Debian: wp-config.php loads config-<Host header>.php
DB_DIR=$WP_DIR/mysql                            # private MariaDB: datadir, socket, pid, log (owned by mysql)
DB_SOCK=$DB_DIR/mysqld.sock
DOCROOT=$WP_DIR/docroot                         # symlink farm = /usr/share/wordpress + Alias /wp-content
RUN=$WP_DIR/run
LOGS=$WP_DIR/logs
PHPDIR=$WP_DIR/php
S=$WP_DIR/samples
SECRETS=$WP_DIR/secrets.env
PHP_PIDFILE=$RUN/php-server.pid
FLOOD_FILE=$RUN/flood-seconds                   # read by the mu-plugin on every request (see `flood`)

PKGS=(wordpress wordpress-theme-twentytwentythree php8.2 php8.2-cli php8.2-cgi php8.2-mysql php8.2-gd
      php8.2-mbstring php8.2-xml mariadb-server-core mariadb-client curl jq ca-certificates)

T0=$(date +%s.%N)
el() { awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%6.1fs", b-a}'; }
log() { printf '[%s] %s\n' "$(el)" "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
trap 'echo "FAILED at line $LINENO: $BASH_COMMAND (see $LOGS/)" >&2' ERR

[ "$(id -u)" = 0 ] || die "WordPress test peer: run as root (it installs Debian packages and starts a private MariaDB)"
for tool in apt-get dpkg-query dpkg-deb setpriv; do
  command -v "$tool" >/dev/null || die "WordPress test peer: '$tool' not found; this needs a Debian 12 (bookworm) machine with its apt repositories"
done

# ---------------------------------------------------------------- process helpers (PID files only)
pid_alive() {  # pid_alive PIDFILE REGEX -> true if the PID in PIDFILE is alive and its command line matches REGEX
  local pid cmd; [ -s "$1" ] || return 1; pid=$(cat "$1"); [[ $pid =~ ^[0-9]+$ ]] || return 1
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmd =~ $2 ]]
}
stop_pidfile() {  # stop_pidfile PIDFILE REGEX [group] -> 0 if it stopped something, 1 if nothing was running
  local pid i; pid_alive "$1" "$2" || { rm -f "$1"; return 1; }; pid=$(cat "$1")
  if [ "${3:-}" = group ]; then kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"; else kill -TERM "$pid"; fi
  for i in $(seq 100); do [ -e "/proc/$pid" ] || break; sleep 0.1; done
  [ -e "/proc/$pid" ] && { log "PID $pid did not stop on TERM, sending KILL"; kill -KILL "$pid" || true; }
  rm -f "$1"
}
DB_RE="^mariadbd .*--datadir=$DB_DIR/data "
PHP_RE="^php .*-S $HOST:[0-9]+ "                 # any port: a server started with another WP_PORT is ours too
db_running() { pid_alive "$DB_DIR/mysqld.pid" "$DB_RE"; }
php_running() { pid_alive "$PHP_PIDFILE" "^php .*-S $HOST:$PORT "; }
stop_all() {
  if stop_pidfile "$PHP_PIDFILE" "$PHP_RE" group; then log "php -S stopped"; fi
  if stop_pidfile "$DB_DIR/mysqld.pid" "$DB_RE"; then log "mariadbd stopped"; fi
}
status() {
  db_running && echo "mariadbd PID $(cat "$DB_DIR/mysqld.pid") (socket $DB_SOCK)" || echo "mariadbd not running"
  if php_running; then
    local p; p=$(cat "$PHP_PIDFILE")
    echo "php -S PID $p (workers: $(cat /proc/"$p"/task/*/children 2>/dev/null | xargs))"
    echo "site $SITE/   REST $SITE/wp-json/   admin $SITE/wp-admin/ (see $SECRETS)"
  else echo "php -S not running"; fi
}

case "$ACTION" in
  up) ;;
  stop) stop_all; exit 0 ;;
  status) status; if db_running && php_running; then exit 0; else exit 3; fi ;;
  flood)
    if [ $# -lt 2 ]; then echo "comment-flood window: $(cat "$FLOOD_FILE" 2>/dev/null || echo '15 (default)') s"; exit 0; fi
    [[ $2 =~ ^[0-9]+$ ]] || die "flood SECONDS must be a whole number"
    mkdir -p "$RUN"; echo "$2" >"$FLOOD_FILE.tmp"; chmod 644 "$FLOOD_FILE.tmp"; mv -f "$FLOOD_FILE.tmp" "$FLOOD_FILE"
    log "comment-flood window set to $2 s"; exit 0 ;;
  reset)
    stop_all
    rm -rf "$DB_DIR" "$DOCROOT" "$RUN" "$PHPDIR" "$S" "$LOGS" "$SECRETS" "$WP_DIR/router.php"
    rm -f "$WP_CONF" /etc/wordpress/config-localhost.php "$WP_CONTENT/mu-plugins/wp-peer.php"
    [ -d "$WP_CONTENT/uploads" ] && find "$WP_CONTENT/uploads" -mindepth 1 -delete
    log "state removed (apt packages kept)"; exit 0 ;;
  *) die "unknown action $ACTION (up|stop|reset|status|flood [SECONDS])" ;;
esac

mkdir -p "$WP_DIR" "$RUN" "$LOGS" "$PHPDIR" "$WP_DIR/pkg"
chmod 755 "$WP_DIR"

# ---------------------------------------------------------------- 1. packages
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=(); for p in "${PKGS[@]}" wp-peer-httpd; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing packages (missing: ${missing[*]})"
  # Placeholder that Provides: httpd, so apt does not pull apache2 for wordpress' "apache2 | httpd".
  DEB=$WP_DIR/pkg/wp-peer-httpd_1.0_all.deb
  if [ ! -s "$DEB" ]; then
    mkdir -p "$WP_DIR/pkg/src/DEBIAN"
    cat >"$WP_DIR/pkg/src/DEBIAN/control" <<'EOF'
Package: wp-peer-httpd
Version: 1.0
Architecture: all
Maintainer: wordpress-up.sh <root@localhost>
Section: misc
Priority: optional
Provides: httpd
Description: placeholder httpd provider for a loopback WordPress test peer
 WordPress is served by PHP's built-in web server (php -S 127.0.0.1:PORT);
 this empty package only satisfies wordpress' "apache2 | httpd" dependency.
EOF
    dpkg-deb --build "$WP_DIR/pkg/src" "$DEB" >/dev/null
  fi
  chmod -R a+rX "$WP_DIR/pkg"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -q >"$LOGS/apt-update.log" 2>&1
  apt-cache policy wordpress php php-mysql mariadb-server mariadb-server-core php-sqlite3 apache2 wp-cli \
    >"$LOGS/apt-policy.txt" 2>&1 || true
  # The placeholder must be in the SAME transaction, otherwise apt resolves "apache2 | httpd" to apache2.
  # Only missing packages are named: naming an installed one (curl, jq...) would upgrade it.
  inst=(); for p in "${missing[@]}"; do [ "$p" = wp-peer-httpd ] || inst+=("$p"); done
  apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 -o Dpkg::Options::=--force-confold \
    "$DEB" "${inst[@]}" >"$LOGS/apt-install.log" 2>&1 || { tail -20 "$LOGS/apt-install.log"; die "apt-get install failed"; }
  log "packages installed: $(dpkg-query -W -f='${Version}' wordpress) wordpress, $(php -r 'echo PHP_VERSION;') php, $(dpkg-query -W -f='${Version}' mariadb-server-core) mariadb-server-core"
else
  log "packages already installed (wordpress $(dpkg-query -W -f='${Version}' wordpress))"
fi

# ---------------------------------------------------------------- 2. secrets (generated once)
rnd() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1" || true; }
if [ ! -s "$SECRETS" ]; then
  umask 077
  {
    echo "DB_PASSWORD=$(rnd 24)"
    echo "ADMIN_USER=admin"
    echo "ADMIN_PASSWORD=$(rnd 20)"
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
      echo "$k=$(rnd 64)"; done
  } >"$SECRETS"
  umask 022
fi
# shellcheck disable=SC1090
. "$SECRETS"

# ---------------------------------------------------------------- 3. private MariaDB (unix socket only)
getent passwd mysql >/dev/null || useradd --system --user-group --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin mysql
mkdir -p "$DB_DIR"; chown mysql:mysql "$DB_DIR"; chmod 755 "$DB_DIR"
if [ ! -d "$DB_DIR/data/mysql" ]; then
  log "initialising MariaDB datadir $DB_DIR/data"
  rm -rf "$DB_DIR/data"
  mariadb-install-db --no-defaults --user=mysql --datadir="$DB_DIR/data" --auth-root-authentication-method=socket \
    --skip-test-db >"$LOGS/mariadb-install-db.log" 2>&1 || { tail "$LOGS/mariadb-install-db.log"; die "mariadb-install-db failed"; }
fi
MDB=(mariadb --no-defaults --socket="$DB_SOCK" -uroot)
if ! db_running; then
  log "starting mariadbd"
  rm -f "$DB_DIR/mysqld.pid" "$DB_SOCK"
  setsid mariadbd --no-defaults --user=mysql --datadir="$DB_DIR/data" --socket="$DB_SOCK" \
    --pid-file="$DB_DIR/mysqld.pid" --log-error="$DB_DIR/mysqld.err" --skip-networking \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --innodb-buffer-pool-size=64M \
    </dev/null >/dev/null 2>&1 &
  for _ in $(seq 150); do mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot ping >/dev/null 2>&1 && break; sleep 0.1; done
  mariadb-admin --no-defaults --socket="$DB_SOCK" -uroot ping >/dev/null 2>&1 || { tail "$DB_DIR/mysqld.err"; die "mariadbd did not start"; }
  for _ in $(seq 50); do db_running && break; sleep 0.1; done
else
  log "mariadbd already running (PID $(cat "$DB_DIR/mysqld.pid"))"
fi
"${MDB[@]}" <<SQL
CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER 'wordpress'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';
SQL

# ---------------------------------------------------------------- 4. WordPress config (Debian layout)
umask 027
cat >"$WP_CONF.tmp" <<PHP
<?php
/* Managed by $WP_DIR/wordpress-up.sh - loopback-only WordPress test peer. Loaded by
 * /usr/share/wordpress/wp-config.php for Host: $HOST (and localhost via symlink). */
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost:$DB_SOCK');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '$SITE');
define('WP_SITEURL', '$SITE');
define('WP_CONTENT_DIR', '$WP_CONTENT');
define('WP_ENVIRONMENT_TYPE', 'local');   /* application passwords over plain http */
define('DISABLE_WP_CRON', true);          /* no loopback wp-cron requests */
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);   /* no internet: do not wait on api.wordpress.org */
define('WP_DEBUG', false);
PHP
for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
  echo "define('$k', '${!k}');" >>"$WP_CONF.tmp"
done
echo "\$table_prefix = 'wp_';" >>"$WP_CONF.tmp"
umask 022
chown root:www-data "$WP_CONF.tmp"; chmod 640 "$WP_CONF.tmp"; mv -f "$WP_CONF.tmp" "$WP_CONF"
ln -sfn "$WP_CONF" /etc/wordpress/config-localhost.php

# mu-plugin: anonymous REST comments (+ tell WP that pretty permalinks work under php -S)
mkdir -p "$WP_CONTENT/mu-plugins"
cat >"$WP_CONTENT/mu-plugins/wp-peer.php" <<'PHP'
<?php
/**
 * Plugin Name: WP test peer (loopback)
 * Description: Managed by wordpress-up.sh. Allows anonymous comments via the REST API.
 */
add_filter( 'rest_allow_anonymous_comments', '__return_true' );
/* php -S is neither Apache nor nginx: without this, saving Settings > Permalinks in wp-admin
 * would switch to /index.php/%postname%/ permalinks. */
add_filter( 'got_url_rewrite', '__return_true' );
PHP
cat >>"$WP_CONTENT/mu-plugins/wp-peer.php" <<PHP
/* Comment-flood window in seconds, from $FLOOD_FILE (WP_FLOOD_SECONDS at \`up\`, changed by
 * \`wordpress-up.sh flood N\` without a restart; WordPress's own 15 when the file is missing).
 * Runs after wp_throttle_comment_flood. */
add_filter( 'comment_flood_filter', function ( \$is_flood, \$last, \$new ) {
    \$window = is_readable( '$FLOOD_FILE' ) ? (int) trim( (string) file_get_contents( '$FLOOD_FILE' ) ) : 15;
    return ( \$new - \$last ) < \$window;
}, 11, 3 );
PHP
echo "$FLOOD" >"$FLOOD_FILE.tmp"; chmod 644 "$FLOOD_FILE.tmp"; mv -f "$FLOOD_FILE.tmp" "$FLOOD_FILE"
chmod 644 "$WP_CONTENT/mu-plugins/wp-peer.php"

# ---------------------------------------------------------------- 5. docroot + router for php -S
# php -S has no Alias: build a docroot of symlinks = /usr/share/wordpress/* with wp-content -> /var/lib/...
mkdir -p "$DOCROOT"
for f in "$WP_CORE"/* ; do
  b=$(basename "$f"); [ "$b" = wp-content ] && continue; ln -sfn "$f" "$DOCROOT/$b"
done
ln -sfn "$WP_CONTENT" "$DOCROOT/wp-content"
cat >"$WP_DIR/router.php" <<'PHP'
<?php
/* Router for `php -S`: what WordPress' .htaccess (mod_rewrite) does under Apache. */
$root = rtrim($_SERVER['DOCUMENT_ROOT'], '/');
$raw = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/';
$path = rawurldecode($raw);
if (strpos($path, '..') === false && strpos($path, "\0") === false) {
    $fs = $root . $path;
    if (is_file($fs)) {
        return false;                                   // static file or a real .php script
    }
    if ($path !== '/' && is_dir($fs)) {
        if (substr($path, -1) !== '/') {                // like mod_dir: /wp-admin -> /wp-admin/
            $q = parse_url($_SERVER['REQUEST_URI'], PHP_URL_QUERY);
            header('Location: ' . $raw . '/' . ($q !== null ? '?' . $q : ''), true, 301);
            return true;
        }
        if (is_file($fs . 'index.php')) {
            return false;                               // e.g. /wp-admin/ -> wp-admin/index.php
        }
    }
}
/* Everything else goes to WordPress' front controller (pretty permalinks, /wp-json/...). */
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['PHP_SELF'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
chdir($root);
require $root . '/index.php';
PHP

# ---------------------------------------------------------------- 6. WordPress install + fixtures (php CLI)
cat >"$PHPDIR/cli-env.php" <<'PHP'
<?php
/* Minimal web-like environment so Debian's wp-config.php finds /etc/wordpress/config-<host>.php. */
$hp = getenv('WP_PEER_HOSTPORT');
$_SERVER['HTTP_HOST'] = $hp;
$_SERVER['SERVER_NAME'] = explode(':', $hp)[0];
$_SERVER['SERVER_PORT'] = explode(':', $hp)[1];
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
PHP
cat >"$PHPDIR/install.php" <<'PHP'
<?php
require __DIR__ . '/cli-env.php';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
function wp_new_blog_notification() {}      /* pluggable: no mail on install */
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (is_blog_installed()) { echo "already installed\n"; exit(0); }
$r = wp_install(getenv('WP_PEER_TITLE'), getenv('WP_PEER_ADMIN_USER'), 'admin@example.com', true, '',
                getenv('WP_PEER_ADMIN_PASSWORD'), '');
echo "installed, admin user id {$r['user_id']}\n";
PHP
cat >"$PHPDIR/provision.php" <<'PHP'
<?php
require __DIR__ . '/cli-env.php';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/media.php';

$admin = get_user_by('login', getenv('WP_PEER_ADMIN_USER'));
/* Act as the administrator: on single-site WordPress the administrator role has unfiltered_html, and
 * switching user re-runs kses_init(), which removes the kses content_save_pre filters. */
wp_set_current_user($admin->ID);
if (!current_user_can('unfiltered_html')) { fwrite(STDERR, "admin lacks unfiltered_html\n"); exit(1); }

update_option('blogdescription', 'Loopback WordPress test peer');
update_option('admin_email', 'admin@example.com');
global $wp_rewrite;
if (get_option('permalink_structure') !== '/%postname%/') { $wp_rewrite->set_permalink_structure('/%postname%/'); }
flush_rewrite_rules(false);                 /* false: rules go to the DB only, no .htaccess */

$hello = get_page_by_path('hello-world', OBJECT, 'post');   /* default post + its comment */
if ($hello && !get_post_meta($hello->ID, '_wp_peer_fixture', true)) { wp_delete_post($hello->ID, true); }

function fixture_id($key, $type) {
    $ids = get_posts(array('post_type' => $type, 'post_status' => 'any', 'numberposts' => 1, 'fields' => 'ids',
        'meta_key' => '_wp_peer_fixture', 'meta_value' => $key, 'suppress_filters' => true));
    return $ids ? (int) $ids[0] : 0;
}
function upsert_post($key, $arr) {
    $id = fixture_id($key, 'post');
    if ($id) { $arr['ID'] = $id; }
    $id = $id ? wp_update_post(wp_slash($arr), true) : wp_insert_post(wp_slash($arr), true);  /* expects slashed data */
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    update_post_meta($id, '_wp_peer_fixture', $key);
    return $id;
}

/* --- image: drawn with GD (LV / SE / GE flags), uploaded to the media library once */
$img_id = fixture_id('image', 'attachment');
if (!$img_id || !file_exists(get_attached_file($img_id))) {
    $w = 1200; $h = 630; $im = imagecreatetruecolor($w, $h);
    $c = function ($hex) use ($im) { return imagecolorallocate($im, hexdec(substr($hex, 0, 2)), hexdec(substr($hex, 2, 2)), hexdec(substr($hex, 4, 2))); };
    imagefilledrectangle($im, 0, 0, $w, $h, $c('f3efe6'));
    $fw = 330; $fh = 220; $y = 205; $xs = array(60, 435, 810);
    $x = $xs[0]; imagefilledrectangle($im, $x, $y, $x + $fw, $y + $fh, $c('9e3039'));                 /* Latvia */
    imagefilledrectangle($im, $x, $y + 88, $x + $fw, $y + 132, $c('ffffff'));
    $x = $xs[1]; imagefilledrectangle($im, $x, $y, $x + $fw, $y + $fh, $c('006aa7'));                 /* Sweden */
    imagefilledrectangle($im, $x + 100, $y, $x + 140, $y + $fh, $c('fecc02'));
    imagefilledrectangle($im, $x, $y + 90, $x + $fw, $y + 130, $c('fecc02'));
    $x = $xs[2]; imagefilledrectangle($im, $x, $y, $x + $fw, $y + $fh, $c('ffffff'));                 /* Georgia */
    $red = $c('ff0000');
    imagefilledrectangle($im, $x + 145, $y, $x + 185, $y + $fh, $red);
    imagefilledrectangle($im, $x, $y + 90, $x + $fw, $y + 130, $red);
    foreach (array(array(72, 45), array(258, 45), array(72, 175), array(258, 175)) as $p) {
        imagefilledrectangle($im, $x + $p[0] - 18, $y + $p[1] - 5, $x + $p[0] + 18, $y + $p[1] + 5, $red);
        imagefilledrectangle($im, $x + $p[0] - 5, $y + $p[1] - 18, $x + $p[0] + 5, $y + $p[1] + 18, $red);
    }
    imagestring($im, 5, 60, 470, 'Latvia - Sweden - Georgia: creative social entrepreneurship', $c('333333'));
    $tmp = tempnam(sys_get_temp_dir(), 'wppeer'); imagejpeg($im, $tmp, 85); imagedestroy($im);
    $up = wp_upload_bits('sadarbiba-lv-se-ge.jpg', null, file_get_contents($tmp), '2025/05'); unlink($tmp);
    if (!empty($up['error'])) { fwrite(STDERR, "upload: {$up['error']}\n"); exit(1); }
    $img_id = wp_insert_attachment(array('post_mime_type' => 'image/jpeg', 'post_status' => 'inherit',
        'post_title' => 'Latvijas, Zviedrijas un Gruzijas karogi', 'post_content' => '',
        'post_excerpt' => 'Projekta partnervalstis: Latvija, Zviedrija un Gruzija', 'guid' => $up['url']), $up['file'], 0, true);
    if (is_wp_error($img_id)) { fwrite(STDERR, $img_id->get_error_message() . "\n"); exit(1); }
    wp_update_attachment_metadata($img_id, wp_generate_attachment_metadata($img_id, $up['file']));
    update_post_meta($img_id, '_wp_attachment_image_alt', 'Latvijas, Zviedrijas un Gruzijas karogi');
    update_post_meta($img_id, '_wp_peer_fixture', 'image');
}
$img_src = wp_get_attachment_image_src($img_id, 'medium');

/* --- post 1: Latvian, block-editor markup (as saved by the WP 6.1 editor) */
$cat = term_exists('Projekti', 'category');
if (!$cat) { $cat = wp_insert_term('Projekti', 'category'); }
$lv = <<<HTML
<!-- wp:paragraph -->
<p>Šī gada pavasarī noslēdzās divus gadus ilgais starptautiskais projekts, kurā partneri no Latvijas, Zviedrijas un Gruzijas kopīgi meklēja veidus, kā radošās nozares var palīdzēt risināt sociālas problēmas. Projektā piedalījās nevalstiskās organizācijas, jauniešu centri un mazie uzņēmumi, kas savā darbā apvieno mākslu, dizainu un kopienas attīstību.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Projekta laikā notika trīs mācību nedēļas – Rīgā, Gēteborgā un Tbilisi –, kurās dalībnieki dalījās pieredzē par biznesa modeļiem, finansējuma piesaisti un sadarbību ar pašvaldībām. Katrā valstī tapa vismaz divas jaunas sociālās uzņēmējdarbības idejas, piemēram, keramikas darbnīca cilvēkiem ar invaliditāti un kopienas kafejnīca, kurā strādā jaunieši bez darba pieredzes.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>Partneri vienojās sadarbību turpināt arī pēc projekta beigām: rudenī plānots kopīgs tiešsaistes seminārs, kurā tiks prezentēta projekta rokasgrāmata latviešu, zviedru, gruzīnu un angļu valodā.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p><img class="wp-image-{$img_id}" style="width: 300px;" src="{$img_src[0]}" alt="Latvijas, Zviedrijas un Gruzijas karogi"> Rokasgrāmata un visi mācību materiāli ir brīvi pieejami <a href="https://example.org/rokasgramata">projekta mājaslapā</a>. Noslēguma pasākumā projekta koordinatore uzsvēra:</p>
<!-- /wp:paragraph -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>„Mēs pārliecinājāmies, ka radošums un sociālā atbildība netraucē veidot ilgtspējīgu biznesu – tie viens otru stiprina.”</p>
<!-- /wp:paragraph --><cite>Projekta koordinatore Rīgā</cite></blockquote>
<!-- /wp:quote -->
HTML;
$lv_id = upsert_post('latvian', array(
    'post_title' => 'Noslēdzies projekts par sadarbību radošās sociālās uzņēmējdarbības jomā',
    'post_content' => $lv, 'post_status' => 'publish', 'post_author' => $admin->ID,
    'post_date' => '2025-05-16 10:00:00', 'comment_status' => 'open', 'ping_status' => 'closed',
    'post_category' => array((int) $cat['term_id']),
    'tags_input' => array('sadarbība', 'sociālā uzņēmējdarbība', 'Latvija', 'Zviedrija', 'Gruzija')));
set_post_thumbnail($lv_id, $img_id);
if ((int) get_post_field('post_parent', $img_id) !== $lv_id) { wp_update_post(array('ID' => $img_id, 'post_parent' => $lv_id)); }

/* --- post 2: dangerous HTML saved by an administrator (unfiltered_html => stored verbatim), classic markup */
$danger = <<<'HTML'
<p>This post was saved by an administrator (capability <code>unfiltered_html</code>), so WordPress stored the HTML below without kses filtering. A widget must sanitize <code>content.rendered</code> itself.</p>
<script>alert('xss-script')</script>
<p><img src="/no-such-image.png" alt="broken" onerror="alert('xss-img-onerror')"></p>
<p><a href="javascript:alert('xss-javascript-href')">javascript: link</a></p>
<iframe src="https://example.com/" width="320" height="180" title="external iframe"></iframe>
<p onclick="alert('xss-onclick')" style="color: red">Paragraph with an inline onclick handler and style.</p>
<svg width="20" height="20" onload="alert('xss-svg-onload')"><circle cx="10" cy="10" r="8"></circle></svg>
<p><a href="https://example.com/" target="_blank">target=_blank link</a> and <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLWRhdGEnKTwvc2NyaXB0Pg==">data: URL link</a></p>
<form action="https://example.com/steal" method="post"><input type="text" name="q" value="x"><button type="submit">Send</button></form>
<style>.wp-peer-xss { color: red; }</style>
<object data="https://example.com/x.swf"></object>
HTML;
$dg_id = upsert_post('dangerous', array(
    'post_title' => 'XSS fixture: HTML saved by an administrator',
    'post_content' => $danger, 'post_status' => 'publish', 'post_author' => $admin->ID,
    'post_date' => '2025-05-15 09:00:00', 'comment_status' => 'open', 'ping_status' => 'closed'));

/* --- application password for admin REST calls over http (WP_ENVIRONMENT_TYPE=local) */
$app_plain = getenv('WP_PEER_APP_PASSWORD'); $app_ok = false;
foreach (WP_Application_Passwords::get_user_application_passwords($admin->ID) as $item) {
    /* WordPress strips the display spaces before checking: wp_authenticate_application_password() */
    if ($item['name'] === 'wp-peer' && $app_plain && wp_check_password(preg_replace('/[^a-z\d]/i', '', $app_plain), $item['password'], $admin->ID)) { $app_ok = true; }
}
if (!$app_ok) {
    foreach (WP_Application_Passwords::get_user_application_passwords($admin->ID) as $item) {
        if ($item['name'] === 'wp-peer') { WP_Application_Passwords::delete_application_password($admin->ID, $item['uuid']); }
    }
    $new = WP_Application_Passwords::create_new_application_password($admin->ID, array('name' => 'wp-peer'));
    if (is_wp_error($new)) { fwrite(STDERR, $new->get_error_message() . "\n"); exit(1); }
    $app_plain = $new[0];
}
$app_plain = preg_replace('/[^a-z\d]/i', '', $app_plain);   /* 24 chars, no display spaces: usable in .env files */

/* --- fixture reset for the samples: no comments on the fixture posts */
if (getenv('WP_PEER_RESET_COMMENTS') === '1') {
    foreach (get_comments(array('post__in' => array($lv_id, $dg_id), 'status' => 'all', 'fields' => 'ids')) as $cid) {
        wp_delete_comment($cid, true);
    }
}
echo wp_json_encode(array('latvian_id' => $lv_id, 'dangerous_id' => $dg_id, 'image_id' => $img_id,
    'latvian_link' => get_permalink($lv_id), 'dangerous_link' => get_permalink($dg_id),
    'app_password' => $app_plain, 'theme' => get_stylesheet(), 'wp_version' => get_bloginfo('version'))), "\n";
PHP
cat >"$PHPDIR/php-samples.php" <<'PHP'
<?php
/* Samples that need WordPress internals rather than HTTP. argv[1]: kses | anon-disabled */
require __DIR__ . '/cli-env.php';
require '/usr/share/wordpress/wp-load.php';
$flags = JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES;
if ($argv[1] === 'kses') {
    $raw = get_post((int) getenv('WP_PEER_DANGEROUS_ID'))->post_content;
    echo wp_json_encode(array(
        'note' => 'raw = post_content as stored for an administrator (unfiltered_html); wp_kses_post = what wp_filter_post_kses would store for an editor/author WITHOUT unfiltered_html; wp_filter_kses = what an anonymous comment gets on save (pre_comment_content)',
        'raw' => $raw,
        'wp_kses_post' => wp_kses_post($raw),
        'wp_filter_kses' => wp_unslash(wp_filter_kses(wp_slash($raw)))), $flags), "\n";
} else {
    /* What stock WordPress (without the rest_allow_anonymous_comments filter) answers to an anonymous POST. */
    wp_set_current_user(0);
    remove_all_filters('rest_allow_anonymous_comments');
    $req = new WP_REST_Request('POST', '/wp/v2/comments');
    $req->set_body_params(array('post' => (int) getenv('WP_PEER_LATVIAN_ID'), 'author_name' => 'Anna',
        'author_email' => 'anna@example.com', 'content' => 'Sveiki!'));
    $res = rest_do_request($req);
    echo wp_json_encode(array('note' => 'in-process rest_do_request() with the mu-plugin filter removed = stock WordPress',
        'status' => $res->get_status(), 'body' => rest_get_server()->response_to_data($res, false)), $flags), "\n";
}
PHP
chmod 644 "$PHPDIR"/*.php "$WP_DIR/router.php"

export WP_PEER_HOSTPORT="$HOST:$PORT" WP_PEER_TITLE="WP test peer" WP_PEER_ADMIN_USER="$ADMIN_USER" \
       WP_PEER_ADMIN_PASSWORD="$ADMIN_PASSWORD" WP_PEER_RESET_COMMENTS="$SAMPLES"
wpphp() {  # wpphp SCRIPT.php [ARGS]: run a PHP CLI script as www-data (the web server's user)
  local f=$1; shift
  setpriv --reuid=www-data --regid=www-data --init-groups -- \
    php -d display_errors=stderr -d log_errors=0 -d memory_limit=256M "$PHPDIR/$f" "$@"
}
wpphp install.php | sed 's/^/    wp_install: /'
APP_PASSWORD=$(grep -s '^APP_PASSWORD=' "$RUN/app-password.env" | cut -d= -f2- || true)
WP_PEER_APP_PASSWORD="$APP_PASSWORD" wpphp provision.php >"$RUN/fixtures.json" || die "provision.php failed"
APP_PASSWORD=$(jq -r .app_password "$RUN/fixtures.json")
umask 077; echo "APP_PASSWORD=$APP_PASSWORD" >"$RUN/app-password.env"; umask 022
LV_ID=$(jq -r .latvian_id "$RUN/fixtures.json"); DG_ID=$(jq -r .dangerous_id "$RUN/fixtures.json")
LV_LINK=$(jq -r .latvian_link "$RUN/fixtures.json")
export WP_PEER_LATVIAN_ID="$LV_ID" WP_PEER_DANGEROUS_ID="$DG_ID"
log "WordPress $(jq -r .wp_version "$RUN/fixtures.json") ready in DB: latvian post $LV_ID, dangerous post $DG_ID, image $(jq -r .image_id "$RUN/fixtures.json")"

# ---------------------------------------------------------------- 7. php -S on 127.0.0.1:$PORT
touch "$LOGS/php-server.log" "$LOGS/php-errors.log"; chown www-data:www-data "$LOGS/php-errors.log"
if php_running && curl -fsS -o /dev/null --max-time 5 "$SITE/wp-json/"; then
  log "php -S already running (PID $(cat "$PHP_PIDFILE"))"
else
  stop_pidfile "$PHP_PIDFILE" "$PHP_RE" group || true
  if curl -s -o /dev/null --max-time 2 "$SITE/"; then die "port $PORT is already used by another process"; fi
  log "starting php -S $HOST:$PORT ($WORKERS workers)"
  # bash -c writes its own PID and then execs setpriv -> php, so the PID file holds php's PID.
  # All fds are redirected on the subshell: nothing may keep the caller's stdout open.
  ( cd "$DOCROOT" && exec setsid env PHP_CLI_SERVER_WORKERS="$WORKERS" bash -c 'echo $$ >"$0"; exec "$@"' "$PHP_PIDFILE" \
      setpriv --reuid=www-data --regid=www-data --init-groups -- \
      php -d display_errors=0 -d log_errors=1 -d error_log="$LOGS/php-errors.log" -d memory_limit=256M \
          -d upload_max_filesize=32M -d post_max_size=32M \
          -S "$HOST:$PORT" -t "$DOCROOT" "$WP_DIR/router.php" ) </dev/null >>"$LOGS/php-server.log" 2>&1 &
  for _ in $(seq 100); do curl -fsS -o /dev/null --max-time 2 "$SITE/wp-json/" 2>/dev/null && break; sleep 0.1; done
  curl -fsS -o /dev/null --max-time 5 "$SITE/wp-json/" || { tail "$LOGS/php-server.log"; die "php -S did not come up"; }
fi

# ---------------------------------------------------------------- 8. verification samples
if [ "$SAMPLES" = 1 ]; then
  log "saving samples to $S (comments on the fixture posts were reset)"
  rm -rf "$S"; mkdir -p "$S"; chmod 755 "$S"
  code() { grep -a '^HTTP/' "$S/$1.headers" | tail -1 | cut -d' ' -f2; }
  # req NAME METHOD PATH [curl args]: raw headers -> NAME.headers, raw body -> NAME.json
  req() {
    local n=$1 m=$2 p=$3; shift 3
    curl -sS -X "$m" -H "Origin: $ORIGIN" -D "$S/$n.headers" -o "$S/$n.json" "$@" "$SITE$p"
    printf '%-40s %s %s\n' "$n" "$(code "$n")" "$(jq -c 'if type=="object" and has("code") then {code,message,status:.data.status} elif type=="object" and has("parent") then {id,status,parent} elif type=="object" and has("slug") then {id,slug,status} elif type=="array" then {items:length, ids:[.[].id]} else {type} end' "$S/$n.json" 2>/dev/null || echo '(not json)')" | tee -a "$S/INDEX.txt" | sed 's/^/    /'
  }
  post_json() { local n=$1 p=$2 body=$3; shift 3; req "$n" POST "$p" -H 'Content-Type: application/json' --data-binary "$body" "$@"; }
  comment() { jq -cn --argjson post "$LV_ID" --arg n "$1" --arg e "$2" --arg c "$3" --argjson parent "${4:-0}" \
                '{post:$post,author_name:$n,author_email:$e,content:$c} + (if $parent>0 then {parent:$parent} else {} end)'; }

  req 01-posts-per_page-2 GET "/wp-json/wp/v2/posts?per_page=2"
  req 02-post-latvian-embed GET "/wp-json/wp/v2/posts/$LV_ID?_embed"
  req 03-comments-before GET "/wp-json/wp/v2/comments?post=$LV_ID"
  # CORS preflight as a browser on $ORIGIN sends it for a JSON POST
  curl -sS -X OPTIONS -D "$S/04-cors-preflight-options.headers" -o "$S/04-cors-preflight-options.json" \
    -H "Origin: $ORIGIN" -H 'Access-Control-Request-Method: POST' -H 'Access-Control-Request-Headers: content-type' \
    "$SITE/wp-json/wp/v2/comments"
  printf '%-40s %s %s\n' 04-cors-preflight-options "$(code 04-cors-preflight-options)" "$(grep -i '^Access-Control-Allow-Origin' "$S/04-cors-preflight-options.headers" | tr -d '\r')" | tee -a "$S/INDEX.txt" | sed 's/^/    /'
  A_BODY=$(comment 'Anna Bērziņa' 'anna.berzina@example.com' 'Apsveicu visus partnerus ar veiksmīgi paveikto darbu! Ceram uz turpinājumu.')
  post_json 05-comment-create-anonymous /wp-json/wp/v2/comments "$A_BODY"; T_A=$(date +%s)
  A_ID=$(jq -r .id "$S/05-comment-create-anonymous.json")
  post_json 06-comment-duplicate /wp-json/wp/v2/comments "$A_BODY"
  post_json 07-comment-flood /wp-json/wp/v2/comments "$(comment 'Anna Bērziņa' 'anna.berzina@example.com' 'Vēl viens komentārs uzreiz pēc pirmā.')"
  post_json 08-comment-missing-email /wp-json/wp/v2/comments "$(jq -cn --argjson post "$LV_ID" '{post:$post,author_name:"Jānis",content:"Komentārs bez e-pasta."}')"
  post_json 09-comment-empty-content /wp-json/wp/v2/comments "$(comment 'Jānis' 'janis@example.com' '')"
  post_json 10-comment-invalid-email /wp-json/wp/v2/comments "$(comment 'Jānis' 'not-an-email' 'Komentārs ar nederīgu e-pastu.')"
  post_json 11-comment-invalid-post /wp-json/wp/v2/comments "$(jq -cn '{post:999999,author_name:"Jānis",author_email:"janis@example.com",content:"Nav tāda ieraksta."}')"
  req 12-oembed GET "/wp-json/oembed/1.0/embed?url=$(jq -rn --arg u "$LV_LINK" '$u|@uri')"
  req 13-post-dangerous GET "/wp-json/wp/v2/posts/$DG_ID"
  req 14-post-dangerous-context-edit GET "/wp-json/wp/v2/posts/$DG_ID?context=edit" -u "$ADMIN_USER:$APP_PASSWORD"
  # moderation by the admin (application password); then the same author is auto-approved
  post_json 15-comment-approve-by-admin "/wp-json/wp/v2/comments/$A_ID" '{"status":"approved"}' -u "$ADMIN_USER:$APP_PASSWORD"
  W=$(( T_A + 16 - $(date +%s) )); [ "$W" -gt 0 ] && { log "waiting ${W}s for WordPress' 15 s comment-flood window"; sleep "$W"; }
  post_json 16-comment-reply-threaded /wp-json/wp/v2/comments "$(comment 'Anna Bērziņa' 'anna.berzina@example.com' \
    'Papildinājums: <strong>rokasgrāmata</strong> būs pieejama arī drukātā veidā. <script>alert("xss-comment")</script><img src=x onerror=alert("xss-comment-img")> <a href="javascript:alert(1)">saite</a>' "$A_ID")"
  req 17-comments-after GET "/wp-json/wp/v2/comments?post=$LV_ID"
  wpphp php-samples.php kses >"$S/19-kses-comparison.json"
  wpphp php-samples.php anon-disabled >"$S/18-comment-anonymous-disabled-stock-wp.json"
  printf '%-40s %s %s\n' 18-comment-anonymous-disabled-stock-wp "$(jq -r .status "$S/18-comment-anonymous-disabled-stock-wp.json")" "$(jq -c '.body|{code,message}' "$S/18-comment-anonymous-disabled-stock-wp.json")" | tee -a "$S/INDEX.txt" | sed 's/^/    /'
  chmod -R a+rX "$S"
fi

log "done"
echo "  site:    $SITE/   (also http://localhost:$PORT/)"
echo "  REST:    $SITE/wp-json/wp/v2/posts   comments: $SITE/wp-json/wp/v2/comments?post=$LV_ID"
echo "  post:    $LV_LINK  (id $LV_ID; XSS fixture id $DG_ID)"
echo "  admin:   $SITE/wp-admin/  user $ADMIN_USER, password in $SECRETS, REST app password in $RUN/app-password.env"
echo "  PIDs:    mariadbd $(cat "$DB_DIR/mysqld.pid"), php -S $(cat "$PHP_PIDFILE") (process group; stop with: $0 stop)"
