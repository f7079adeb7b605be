FROM ruby:3.3-slim
RUN gem install bundler:2.5.16
RUN gem install rails -v 7.1.3
RUN gem install --version=13.2.1 rake
RUN gem install ./local.gem
RUN gem install $GEMS
RUN gem update --system
RUN bundle install
RUN echo gem install rails
