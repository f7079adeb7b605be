FROM postgres:16
ENV POSTGRES_PASSWORD=s3cr3t
ARG ADMIN_PASSWD="hunter2 again"
ENV AWS_ACCESS_KEY_ID=AKIAQWERTYUIOPASDFGH
LABEL ci.token="ghp_0123456789abcdefghijABCDEFGHIJ012345"
RUN curl -H "Authorization: token github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz" https://api.github.com/user
RUN <<EOF
mkdir -p /root/.ssh
cat > /root/.ssh/id_rsa <<'KEY'
-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAA
-----END OPENSSH PRIVATE KEY-----
KEY
EOF
# slack: xoxb-1234567890-abcdefghij
ENV MAPS_KEY=AIzaSyA1234567890abcdefghijklmnopqrstuv STRIPE=sk_live_abcdefghijklmnopqrstuvwx
