FROM ruby:3.3-slim
RUN gem install bundler
RUN gem install --no-document rails puma:6.4.2
ONBUILD RUN gem install -N rake
